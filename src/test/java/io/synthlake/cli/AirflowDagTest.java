package io.synthlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthlake.config.ConfigLoader;
import io.synthlake.config.LakeConfig;
import io.synthlake.config.TableMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The example Airflow DAG compiles with Python (Airflow itself is not needed to compile it), and it schedules the
 * tables of the lake file it points at, with the copy-mode tables as copies.
 */
class AirflowDagTest {
  private static final Path DAG = Path.of("jobs/airflow/lake_refresh.py");

  @Test
  void theDagCompilesAndSchedulesTheLakeFilesTables() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
    String script = String.join("\n",
        "import ast, json, sys",
        "source = open(sys.argv[1]).read()",
        "compile(source, sys.argv[1], 'exec')",
        "tree = ast.parse(source)",
        "found = {}",
        "for node in tree.body:",
        "    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):",
        "        try:",
        "            found[node.targets[0].id] = ast.literal_eval(node.value)",
        "        except ValueError:",
        "            pass",
        "found['COPIED'] = sorted(found['COPIED'])",
        "print(json.dumps(found))");
    Process process = new ProcessBuilder("/usr/bin/python3", "-c", script, DAG.toString()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    JsonNode dag = new ObjectMapper().readTree(out);

    LakeConfig lake = ConfigLoader.loadLake(Path.of(dag.get("LAKE_FILE").asText().replace("/opt/synthlake/", "")));
    List<String> tables = new ArrayList<>();
    dag.get("TABLES").fieldNames().forEachRemaining(tables::add);
    assertThat(tables).containsExactlyElementsOf(lake.tables().keySet());
    List<String> copied = new ArrayList<>();
    dag.get("COPIED").forEach(name -> copied.add(name.asText()));
    assertThat(copied).containsExactlyElementsOf(lake.tables().values().stream()
        .filter(t -> t.mode() == TableMode.COPY).map(LakeConfig.LakeTable::name).sorted().toList());
    assertThat(dag.get("PHASES").toString()).isEqualTo("[\"fit\",\"generate\",\"validate\"]");
    assertThat(Files.readString(DAG)).contains("java_class=\"io.synthlake.cli.SynthMain\"")
        .contains("\"lake\", \"--config\", LAKE_FILE, \"--only\", table, \"--phase\", phase");
  }
}
