"""Nightly interactions run: ingest from Google, transform with the reference data from the
application's database, then metrics as of the run's logical date (a rerun of a past night computes
that night again; a backfill computes metric history for past days).

Exit codes of bin/interactions: 0 success, 1 failure (retried), 2 usage error (a configuration
mistake: fix the configuration, a retry gives the same), 3 partly done (some mailboxes failed, the others landed: the night
goes on and the next run catches up those mailboxes).
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

HOME = "/opt/interactions"  # a checkout (or release) with bin/interactions
WAREHOUSE = "s3a://analytics-bucket/interactions/warehouse"
CONFIG = "/etc/interactions/nightly.properties"  # reference=jdbc:postgresql://..., the three queries
ENV = {
    # The database password comes from the environment (or reference.password-file), never the command line.
    "INTERACTIONS_REFERENCE_PASSWORD": "{{ var.value.interactions_reference_password }}",
    "INTERACTIONS_JAVA_OPTS": "-Xmx8g -Dspark.hadoop.fs.s3a.aws.credentials.provider="
    "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider",
}

# Exit 3 (some mailboxes failed) is not a failure of the night: the step succeeds, and says so.
PARTLY_DONE = 'status=$?; if [ "$status" -eq 3 ]; then echo "partly done: see the status command"; exit 0; fi; exit $status'


def interactions(command):
    return f"cd {HOME} && bin/interactions {command}; {PARTLY_DONE}"


with DAG(
    dag_id="interactions_nightly",
    schedule="0 2 * * *",
    start_date=datetime(2026, 12, 1),
    catchup=False,
    max_active_runs=1,  # one writer at a time for the Delta tables on S3
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["interactions"],
) as dag:
    ingest = BashOperator(
        task_id="ingest",
        bash_command=interactions(
            f"ingest --source google --warehouse {WAREHOUSE} --config {CONFIG}"
            " --auth user-tokens --credentials /etc/interactions/tokens.json"
        ),
        env=ENV,
        append_env=True,
    )
    transform = BashOperator(
        task_id="transform",
        bash_command=interactions(f"transform --warehouse {WAREHOUSE} --config {CONFIG}"),
        env=ENV,
        append_env=True,
    )
    # T is 00:00 UTC ending the logical day, so a rerun or a backfill of a past night gives that night's figures.
    metrics = BashOperator(
        task_id="metrics",
        bash_command=interactions(f"metrics --warehouse {WAREHOUSE} --as-of {{{{ data_interval_end | ds }}}}"),
        env=ENV,
        append_env=True,
    )
    # After the night's writes: compact the small files they added, drop files older versions no longer need.
    maintain = BashOperator(
        task_id="maintain",
        bash_command=interactions(f"maintain --warehouse {WAREHOUSE}"),
        env=ENV,
        append_env=True,
    )
    ingest >> transform >> metrics >> maintain
