package io.synthlake.generate;

import io.synthlake.model.Atom;
import io.synthlake.model.CategoricalMarginal;
import io.synthlake.model.Category;
import io.synthlake.model.ColumnKind;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.ConstantMarginal;
import io.synthlake.model.CopulaModel;
import io.synthlake.model.EmpiricalQuantiles;
import io.synthlake.model.FitSettings;
import io.synthlake.model.IdentifierMarginal;
import io.synthlake.model.NonFinite;
import io.synthlake.model.NumericMarginal;
import io.synthlake.model.PositionShape;
import io.synthlake.model.SourceFingerprint;
import io.synthlake.model.StringShape;
import io.synthlake.model.SynthModel;
import io.synthlake.model.TextMarginal;
import io.synthlake.model.TestModels;
import io.synthlake.stats.StandardNormal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A model with every column kind and a four-column copula, for generate tests. */
public final class GenerateModels {
  private GenerateModels() {}

  public static EmpiricalQuantiles normalKnots(double mean, double sd) {
    List<Double> p = new ArrayList<>();
    List<Double> v = new ArrayList<>();
    p.add(0.0);
    v.add(mean - 5 * sd);
    for (double z = -4; z <= 4.0001; z += 0.05) {
      p.add(StandardNormal.cdf(z));
      v.add(mean + z * sd);
    }
    p.add(1.0);
    v.add(mean + 5 * sd);
    return new EmpiricalQuantiles(p.stream().mapToDouble(Double::doubleValue).toArray(),
        v.stream().mapToDouble(Double::doubleValue).toArray());
  }

  public static StringShape codeShape() {
    NumericMarginal lengths = new NumericMarginal(1.0, List.of(new Atom(6, 1.0)), null, null);
    PositionShape digit = new PositionShape(null, 1, 0, 0, 0);
    return new StringShape(lengths, List.of(new PositionShape(null, 0, 1, 0, 0), PositionShape.literal('-'),
        digit, digit, digit, digit), Map.of("A", 0.2, "B", 0.1, "-", 0.15, "1", 0.3, "2", 0.25));
  }

  public static SynthModel model() {
    NumericMarginal x = new NumericMarginal(0, List.of(), normalKnots(50, 10), null);
    NumericMarginal y = new NumericMarginal(0, List.of(), normalKnots(0, 1), null);
    NumericMarginal counts = new NumericMarginal(1.0, List.of(new Atom(0, 0.3)),
        new EmpiricalQuantiles(new double[] {0, 0.5, 1}, new double[] {1, 20, 1000}), null);
    NumericMarginal amount = new NumericMarginal(0.01, List.of(),
        new EmpiricalQuantiles(new double[] {0, 1}, new double[] {0, 100}), null);
    NumericMarginal days = new NumericMarginal(1.0, List.of(),
        new EmpiricalQuantiles(new double[] {0, 1}, new double[] {18_000, 19_000}), null);
    NumericMarginal price = new NumericMarginal(0, List.of(),
        new EmpiricalQuantiles(new double[] {0, 1}, new double[] {1, 2}), new NonFinite(0.05, 0.01, 0));
    List<ColumnModel> columns = List.of(
        new ColumnModel("x", "double", ColumnKind.CONTINUOUS, 0.0, x),
        new ColumnModel("y", "double", ColumnKind.CONTINUOUS, 0.2, y),
        new ColumnModel("n", "int", ColumnKind.INTEGER, 0.0, counts),
        new ColumnModel("amount", "decimal(10,2)", ColumnKind.CONTINUOUS, 0.0, amount),
        new ColumnModel("day", "date", ColumnKind.DATE, 0.0, days),
        new ColumnModel("price", "float", ColumnKind.CONTINUOUS, 0.0, price),
        new ColumnModel("city", "string", ColumnKind.CATEGORICAL, 0.1, new CategoricalMarginal(
            List.of(new Category("A", 0.5), new Category("B", 0.3), new Category("C", 0.2)), null)),
        new ColumnModel("flag", "boolean", ColumnKind.BOOLEAN, 0.0, new CategoricalMarginal(
            List.of(new Category("true", 0.7), new Category("false", 0.3)), null)),
        new ColumnModel("country", "string", ColumnKind.CONSTANT, 0.0, new ConstantMarginal("FR")),
        new ColumnModel("id", "bigint", ColumnKind.IDENTIFIER, 0.0, IdentifierMarginal.ofIntegers(1, 5000)),
        new ColumnModel("code", "string", ColumnKind.IDENTIFIER, 0.0, IdentifierMarginal.ofStrings(codeShape())),
        new ColumnModel("note", "string", ColumnKind.TEXT, 0.0, new TextMarginal(TestModels.shape())));
    CopulaModel copula = new CopulaModel(List.of("x", "y", "n", "city"), new double[][] {
        {1, 0.7, 0.5, 0.3}, {0.7, 1, 0.3, 0.2}, {0.5, 0.3, 1, 0.1}, {0.3, 0.2, 0.1, 1}});
    return new SynthModel(SynthModel.FORMAT_VERSION, "t", "test",
        new SourceFingerprint("mem", "parquet", null, 10_000, 10_000, null, null, List.of(), "now", null),
        new FitSettings(1, "empirical", 1024, 10000, 5, "fold", 1000, 5), columns, copula, List.of(), List.of(),
        List.of());
  }

}
