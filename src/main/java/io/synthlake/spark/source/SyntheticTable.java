package io.synthlake.spark.source;

import io.synthlake.generate.OutputType;
import io.synthlake.model.ColumnModel;
import io.synthlake.model.SynthModel;
import io.synthlake.spark.SparkTypes;
import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The synthetic table of one model: its schema is the model's columns, with their source types. */
final class SyntheticTable implements SupportsRead {
  private final SynthModel model;
  private final SyntheticScan.Settings settings;
  private final StructType schema;

  SyntheticTable(SynthModel model, SyntheticScan.Settings settings) {
    this.model = model;
    this.settings = settings;
    this.schema = schemaOf(model);
  }

  static StructType schemaOf(SynthModel model) {
    StructField[] fields = new StructField[model.columns().size()];
    for (int i = 0; i < fields.length; i++) {
      ColumnModel column = model.columns().get(i);
      fields[i] = DataTypes.createStructField(column.name(),
          SparkTypes.toDataType(OutputType.of(column, model.table())), true);
    }
    return new StructType(fields);
  }

  @Override
  public String name() {
    return "synthlake." + model.table();
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new Builder();
  }

  /** Only the columns a query reads are generated (their values do not depend on the others). */
  private final class Builder implements SupportsPushDownRequiredColumns {
    private StructType required = schema;

    @Override
    public void pruneColumns(StructType requiredSchema) {
      this.required = requiredSchema;
    }

    @Override
    public Scan build() {
      return new SyntheticScan(model, settings, required);
    }
  }
}
