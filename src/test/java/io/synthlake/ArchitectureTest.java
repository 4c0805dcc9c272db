package io.synthlake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build boundary between the Spark-free core and the Spark adapters, checked on the compiled classes (so a
 * fully qualified name, a nested generic or a static import counts as much as an import line). The core (model,
 * marginals, samplers, RNG, fit decisions, scoring, config, paths) depends on no Spark, Hadoop, Delta or Scala
 * class and on no adapter, command or benchmark; the adapters never reach up into the commands or benchmarks. Among
 * the adapters, nothing outside {@code spark.lake} depends on it, and the shared helpers in {@code io.synthlake.spark}
 * depend on none of its subpackages.
 */
class ArchitectureTest {
  static final String[] CORE = {"io.synthlake.config..", "io.synthlake.errors..", "io.synthlake.fit..",
      "io.synthlake.generate..", "io.synthlake.model..", "io.synthlake.profile..", "io.synthlake.stats..",
      "io.synthlake.validate..", "io.synthlake.pii..", "io.synthlake.lake..", "io.synthlake.paths..",
      "io.synthlake.names..", "io.synthlake.rules..", "io.synthlake.text.."};
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.synthlake");
  }

  @Test
  void theCoreDependsOnNoSparkHadoopDeltaOrScalaClass() {
    noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..",
            "io.delta..", "scala..")
        .because("the core is tested in milliseconds without a session and serialised to executors as it is")
        .check(classes);
  }

  @Test
  void theCoreDependsOnNoAdapterCommandOrBenchmark() {
    noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage("io.synthlake.spark..", "io.synthlake.cli..",
            "io.synthlake.bench..")
        .check(classes);
  }

  @Test
  void theAdaptersDependOnNoCommandOrBenchmark() {
    noClasses().that().resideInAnyPackage("io.synthlake.spark..")
        .should().dependOnClassesThat().resideInAnyPackage("io.synthlake.cli..", "io.synthlake.bench..")
        .check(classes);
  }

  @Test
  void onlyTheLakeAdapterDependsOnTheLakeAdapter() {
    noClasses().that().resideInAPackage("io.synthlake.spark..")
        .and().resideOutsideOfPackage("io.synthlake.spark.lake..")
        .should().dependOnClassesThat().resideInAPackage("io.synthlake.spark.lake..")
        .because("the lake job drives fit and generate, not the other way round")
        .check(classes);
  }

  @Test
  void theSharedSparkHelpersDependOnNoSparkSubpackage() {
    noClasses().that().resideInAPackage("io.synthlake.spark")
        .should().dependOnClassesThat().resideInAnyPackage("io.synthlake.spark.fit..", "io.synthlake.spark.generate..",
            "io.synthlake.spark.lake..", "io.synthlake.spark.io..", "io.synthlake.spark.source..",
            "io.synthlake.spark.validate..")
        .check(classes);
  }

  @Test
  void readingAndWritingDependsOnNoJob() {
    noClasses().that().resideInAPackage("io.synthlake.spark.io..")
        .should().dependOnClassesThat().resideInAnyPackage("io.synthlake.spark.fit..",
            "io.synthlake.spark.generate..", "io.synthlake.spark.lake..", "io.synthlake.spark.validate..")
        .because("sources, outputs, models and paths are the layer every job stands on")
        .check(classes);
  }
}
