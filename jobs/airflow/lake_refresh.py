"""Nightly refresh of a dev lake with synthlake: one Spark task per table and phase.

Every task runs the shaded synthlake jar through spark-submit (the SparkSubmitOperator of the
apache-airflow-providers-apache-spark package) with `lake --config LAKE_FILE --only TABLE --phase PHASE`, so a
failed table can be retried alone and the Airflow grid shows which phase of which table failed. synthlake's exit
codes end a task: 0 succeeded; 7 a quality or privacy gate was breached (the report is written: read it before
promoting the lake); 3 bad lake file, 4 unusable source, 5 output problem and 6 unreadable model will not go away
by retrying. A refresh that is started again skips tables whose output is already complete for the current
model and seed.

Copy the jar and the lake file to where the Spark connection can read them, and set the paths below.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SYNTHLAKE_JAR = "/opt/synthlake/synthlake-0.1.0.jar"
LAKE_FILE = "/opt/synthlake/jobs/lake-demo.yaml"
SPARK_CONN_ID = "spark_default"  # the cluster's master, e.g. spark://spark-master:7077 or yarn

# The tables of the lake file, each with the tables it must wait for: the parents of its foreign keys, whose keys
# it draws.
TABLES = {
    "airports": [],
    "flights": ["airports"],
}
# Copy-mode tables have one phase only: generate (the copy). The demo lake synthesizes every table.
COPIED = set()
PHASES = ["fit", "generate", "validate"]

SPARK_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.adaptive.enabled": "true",
}

default_args = {
    "owner": "data-platform",
    "retries": 1,
    "retry_delay": timedelta(minutes=10),
}

with DAG(
    dag_id="synthlake_dev_lake_refresh",
    description="Refresh the dev lake with synthetic tables learned from production (synthlake)",
    schedule="0 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["synthlake", "dev-lake"],
) as dag:
    last_task = {}
    first_task = {}
    for table, parents in TABLES.items():
        phases = ["generate"] if table in COPIED else PHASES
        previous = None
        for phase in phases:
            task = SparkSubmitOperator(
                task_id=f"{table}_{phase}",
                conn_id=SPARK_CONN_ID,
                application=SYNTHLAKE_JAR,
                java_class="io.synthlake.cli.SynthMain",
                name=f"synthlake-{table}-{phase}",
                application_args=["lake", "--config", LAKE_FILE, "--only", table, "--phase", phase],
                conf=SPARK_CONF,
                executor_memory="8g",
                driver_memory="4g",
            )
            if previous is not None:
                previous >> task
            else:
                first_task[table] = task
            previous = task
        last_task[table] = previous
    for table, parents in TABLES.items():
        for parent in parents:
            last_task[parent] >> first_task[table]
