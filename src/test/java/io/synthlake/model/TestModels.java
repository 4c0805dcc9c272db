package io.synthlake.model;

import java.util.List;
import java.util.Map;

/** A small model that uses every marginal type, for format tests. */
public final class TestModels {
  private TestModels() {}

  public static StringShape shape() {
    NumericMarginal lengths = new NumericMarginal(1.0, List.of(new Atom(3, 0.9), new Atom(4, 0.1)), null, null);
    return new StringShape(lengths,
        List.of(new PositionShape(null, 0, 1, 0, 0), PositionShape.literal('-'),
            new PositionShape(null, 1, 0, 0, 0)),
        Map.of("A", 0.4, "-", 0.3, "7", 0.3));
  }

  public static SynthModel everyMarginal() {
    List<ColumnModel> columns = List.of(
        new ColumnModel("capital_gain", "int", ColumnKind.INTEGER, 0.0, new NumericMarginal(1.0,
            List.of(new Atom(0, 0.9)), new EmpiricalQuantiles(new double[] {0, 0.5, 1}, new double[] {100, 500, 9000}),
            null)),
        new ColumnModel("price", "double", ColumnKind.CONTINUOUS, 0.1, new NumericMarginal(0.01, List.of(),
            new ParametricPart.Gamma(2.0, 3.5, 0.5, 40.0), new NonFinite(0.01, 0.0, 0.002))),
        new ColumnModel("city", "string", ColumnKind.CATEGORICAL, 0.05, new CategoricalMarginal(
            List.of(new Category("Paris", 0.6), new Category("Lyon \"centre\"", 0.3)),
            new OtherBucket(0.1, shape()))),
        new ColumnModel("country", "string", ColumnKind.CONSTANT, 0.0, new ConstantMarginal("FR")),
        new ColumnModel("order_id", "bigint", ColumnKind.IDENTIFIER, 0.0, IdentifierMarginal.ofIntegers(10, 99_000)),
        new ColumnModel("sku", "string", ColumnKind.IDENTIFIER, 0.0, IdentifierMarginal.ofStrings(shape())),
        new ColumnModel("comment", "string", ColumnKind.TEXT, 0.5, new TextMarginal(shape())),
        new ColumnModel("customer_id", "bigint", ColumnKind.IDENTIFIER, 0.0, new ForeignKeyMarginal("customers",
            "id", "customer_id", new FanOut(new double[] {0, 0.4, 1}, new double[] {0, 0.1, 1}))));
    CopulaModel copula = new CopulaModel(List.of("capital_gain", "price", "city"),
        new double[][] {{1, 0.3, -0.2}, {0.3, 1, 0.1}, {-0.2, 0.1, 1}});
    return new SynthModel(SynthModel.FORMAT_VERSION, "orders", "synthlake test",
        new SourceFingerprint("s3a://lake/orders", "delta", 12L, 1000, 500, "day > '2025-01-01'", 0.5,
            List.of("day"), "2026-11-23T00:00:00Z", null),
        new FitSettings(42, "empirical", 1024, 10000, 5, "fold", 1000, 5),
        columns, copula, List.of(),
        List.of(new LabelMarginals("capital_gain", "city", 0.42,
            List.of(new LabelMarginals.ByLabel("Paris", new NumericMarginal(1.0, List.of(new Atom(0, 0.8)),
                new EmpiricalQuantiles(new double[] {0, 1}, new double[] {200, 9000}), null),
                new ScoreCalibration(0.05, 0.97))),
            new NumericMarginal(1.0, List.of(new Atom(0, 1.0)), null, null))),
        List.of(ModelNote.table("a table note"), ModelNote.column("city", "a column note")));
  }
}
