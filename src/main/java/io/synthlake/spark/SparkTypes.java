package io.synthlake.spark;

import io.synthlake.fit.SourceType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/** Maps Spark types to the core's {@link SourceType}; the DDL name ("int", "decimal(10,2)") goes into models. */
public final class SparkTypes {
  private SparkTypes() {}

  public static SourceType of(DataType type) {
    if (type instanceof ByteType) {
      return SourceType.BYTE;
    }
    if (type instanceof ShortType) {
      return SourceType.SHORT;
    }
    if (type instanceof IntegerType) {
      return SourceType.INT;
    }
    if (type instanceof LongType) {
      return SourceType.LONG;
    }
    if (type instanceof FloatType) {
      return SourceType.FLOAT;
    }
    if (type instanceof DoubleType) {
      return SourceType.DOUBLE;
    }
    if (type instanceof DecimalType) {
      return SourceType.DECIMAL;
    }
    if (type instanceof BooleanType) {
      return SourceType.BOOLEAN;
    }
    if (type instanceof StringType) {
      return SourceType.STRING;
    }
    if (type instanceof DateType) {
      return SourceType.DATE;
    }
    if (type instanceof TimestampNTZType) {
      return SourceType.TIMESTAMP_NTZ;
    }
    if (type instanceof TimestampType) {
      return SourceType.TIMESTAMP;
    }
    return SourceType.UNSUPPORTED;
  }

  /** The Spark type of a generated column. */
  public static DataType toDataType(io.synthlake.generate.OutputType type) {
    return switch (type.type()) {
      case BYTE -> DataTypes.ByteType;
      case SHORT -> DataTypes.ShortType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case FLOAT -> DataTypes.FloatType;
      case DOUBLE -> DataTypes.DoubleType;
      case DECIMAL -> DataTypes.createDecimalType(type.precision(), type.scale());
      case BOOLEAN -> DataTypes.BooleanType;
      case STRING -> DataTypes.StringType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case TIMESTAMP_NTZ -> DataTypes.TimestampNTZType;
      case UNSUPPORTED -> throw new IllegalArgumentException("no Spark type for " + type);
    };
  }

  public static int decimalScale(DataType type) {
    return type instanceof DecimalType decimal ? decimal.scale() : 0;
  }

  /** The short, stable DDL name of a type: "int", "bigint", "decimal(10,2)", "string", "timestamp". */
  public static String ddlName(DataType type) {
    return type.simpleString();
  }
}
