"""bin/local: the local AWS emulator (moto_server) and the GitHub / PagerDuty stand-ins, kept running between
bin/invoke calls, loaded with the sample data of sample-data.json (the same data bin/demo shows).

  up [--quiet]    start everything on free ports of 127.0.0.1 and load the sample data
  env             print the export lines for bin/invoke (endpoint, region, dummy credentials)
  status          what runs where
  down [--caches] stop exactly what up started and remove its files (--caches: bin/invoke's start-up caches too)
  received        what the emulated CloudFront, GitHub and PagerDuty have received (bin/demo prints it)

All state lives in one folder (SITEOPS_LOCAL_DIR, default .siteops/local in the project; git-ignored).
"""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "sample-data.json"
STATE_DIR = Path(os.environ.get("SITEOPS_LOCAL_DIR") or ROOT / ".siteops" / "local").resolve()
STATE = STATE_DIR / "state.json"
ENV_VARS = STATE_DIR / "env-vars.json"
CACHE = Path(os.environ["SITEOPS_INVOKE_CACHE_DIR"]) if os.environ.get("SITEOPS_INVOKE_CACHE_DIR") else None


def fail(message):
    print(f"bin/local: {message}", file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url):
    try:
        urllib.request.urlopen(url, timeout=1).read()
        return True
    except OSError:
        return False


def alive(pid, marker):
    """True when pid runs and is still the process up started (its command line holds marker)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            if f.read().rsplit(b")", 1)[1].split()[0] == b"Z":  # exited, not yet reaped
                return False
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return marker.encode() in f.read()
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
            return True
        except OSError:
            return False


def read_state():
    if not STATE.exists():
        return None
    return json.loads(STATE.read_text())


def start(name, argv, log):
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=open(STATE_DIR / f"{name}.out", "wb"),
                               stderr=open(log, "ab"), start_new_session=True, cwd=ROOT)
    return process


def up(quiet):
    state = read_state()
    if state and all(alive(p["pid"], p["marker"]) for p in state["processes"]):
        if not quiet:
            print(f"bin/local: already running (moto_server on {state['moto']}); bin/local status", file=sys.stderr)
        return
    if state:
        down(caches=False, quiet=True)
    java = os.environ.get("JAVA") or "java"
    support = sorted((ROOT / "test-support" / "target").glob("siteops-test-support-*.jar"))
    jackson = ROOT / "functions" / "health-to-github" / "target" / "health-to-github.jar"
    if not support or not jackson.exists():
        fail("the stand-ins are not built: run bin/build first")
    data = json.loads(DATA.read_text())
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    log = STATE_DIR / "services.log"
    processes = []
    state = {"processes": processes, "region": data["region"], "log": str(log)}

    def save():
        STATE.write_text(json.dumps(state, indent=2) + "\n")

    try:
        port = free_port()
        moto = start("moto", ["moto_server", "-H", "127.0.0.1", "-p", str(port)], log)
        state["moto"] = f"http://127.0.0.1:{port}"
        processes.append({"name": "moto_server", "pid": moto.pid, "marker": "moto_server"})
        save()
        for _ in range(150):
            if answers(state["moto"] + "/moto-api/data.json"):
                break
            if moto.poll() is not None:
                raise RuntimeError(f"moto_server exited at start")
            time.sleep(0.2)
        else:
            raise RuntimeError(f"moto_server did not answer on {state['moto']} within 30 s")

        token = "local-" + secrets.token_hex(12)
        stand_ins = start("stand-ins", [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m",
                                        "-cp", f"{support[-1]}:{jackson}", "siteops.testing.StandIns",
                                        state["moto"], token, data["github"]["repository"]], log)
        processes.append({"name": "stand-ins (GitHub, PagerDuty, SSM windows)", "pid": stand_ins.pid,
                          "marker": "siteops.testing.StandIns"})
        save()
        out = STATE_DIR / "stand-ins.out"
        for _ in range(300):
            if out.exists() and out.read_text().endswith("\n"):
                break
            if stand_ins.poll() is not None:
                raise RuntimeError(f"the stand-ins exited at start")
            time.sleep(0.1)
        else:
            raise RuntimeError(f"the stand-ins did not start within 30 s")
        urls = json.loads(out.read_text())
        out.unlink()
        (STATE_DIR / "moto.out").unlink(missing_ok=True)
        state.update(github=urls["github"], pagerduty=urls["pagerduty"], ssm=urls["ssm"])
        save()
        load(data, state, token)
        values = {"github_url": state["github"], "pagerduty_url": state["pagerduty"]}
        env_vars = {function: {name: value.format(**values) for name, value in variables.items()}
                    for function, variables in data["envVars"].items()}
        ENV_VARS.write_text(json.dumps(env_vars, indent=2) + "\n")
    except Exception as e:  # a half-started emulator is stopped, never left behind
        if log.exists():
            sys.stderr.write("".join(log.read_text(errors="replace").splitlines(True)[-15:]))
        down(caches=False, quiet=True)
        fail(f"could not start: {e}")
    if not quiet:
        status()
        print("next: eval \"$(bin/local env)\"", file=sys.stderr)


def clients(state):
    import boto3
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                    region_name=state["region"])

    def client(service, **kwargs):
        endpoint = state["ssm"] if service == "ssm" else state["moto"]
        return session.client(service, endpoint_url=endpoint, **kwargs)
    return client


def load(data, state, token):
    client = clients(state)
    cloudfront, ssm = client("cloudfront", region_name="us-east-1"), client("ssm")
    for site in data["sites"]:
        aliases = site["aliases"]
        config = {
            "CallerReference": f"siteops-local-{site['name']}", "Comment": site["name"], "Enabled": True,
            "Aliases": {"Quantity": len(aliases), "Items": aliases},
            "Origins": {"Quantity": 1, "Items": [{"Id": "alb", "DomainName": site["origin"], "CustomOriginConfig": {
                "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}]},
            "DefaultCacheBehavior": {"TargetOriginId": "alb", "ViewerProtocolPolicy": "redirect-to-https", "MinTTL": 0,
                                     "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                     "TrustedSigners": {"Enabled": False, "Quantity": 0}},
        }
        distribution = cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]
        entry = {"distributionId": distribution, "aliases": aliases}
        ssm.put_parameter(Name=site["parameter"], Type="String", Value=json.dumps(entry), Overwrite=True)
    dynamodb = client("dynamodb")
    for table in data["tables"]:
        dynamodb.create_table(TableName=table["name"], BillingMode="PAY_PER_REQUEST",
                              AttributeDefinitions=[{"AttributeName": table["hashKey"], "AttributeType": "S"}],
                              KeySchema=[{"AttributeName": table["hashKey"], "KeyType": "HASH"}])
    secretsmanager = client("secretsmanager")
    for name, value in data["secrets"].items():
        secretsmanager.create_secret(Name=name, SecretString=value.format(github_token=token))
    for window in data["maintenanceWindows"]:
        ssm.create_maintenance_window(
            Name=window["name"], Schedule=window["schedule"], ScheduleTimezone=window["timezone"],
            Duration=window["durationHours"], Cutoff=window["cutoffHours"], AllowUnassociatedTargets=True,
            Tags=[{"Key": k, "Value": v} for k, v in window["tags"].items()])


def env():
    state = read_state()
    if not state:
        fail("not running: start it with bin/local up")
    lines = [
        f"export AWS_ENDPOINT_URL={state['moto']}",
        # The maintenance-window history moto lacks; every other SSM call goes on to moto.
        f"export AWS_ENDPOINT_URL_SSM={state['ssm']}",
        f"export AWS_REGION={state['region']} AWS_DEFAULT_REGION={state['region']}",
        "export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing",
        "unset AWS_SESSION_TOKEN AWS_PROFILE",
        f"export SITEOPS_ENV_VARS={ENV_VARS}",
        f"# bin/invoke <Function> -e <event> --env-vars {os.path.relpath(ENV_VARS, ROOT)}",
    ]
    print("\n".join(lines))


def status():
    state = read_state()
    if not state:
        print("bin/local: not running (bin/local up starts it)")
        return 3
    rows = []
    for p in state["processes"]:
        rows.append((p["name"], p["pid"], "running" if alive(p["pid"], p["marker"]) else "STOPPED"))
    print(f"AWS emulator (moto_server)  {state.get('moto', '-')}")
    print(f"SSM maintenance windows     {state.get('ssm', '-')}  (forwards the rest to moto)")
    print(f"GitHub stand-in             {state.get('github', '-')}")
    print(f"PagerDuty stand-in          {state.get('pagerduty', '-')}")
    for name, pid, how in rows:
        print(f"process {pid:>7}  {how:8} {name}")
    print(f"env-vars file               {os.path.relpath(ENV_VARS, ROOT)}")
    print(f"logs                        {os.path.relpath(state['log'], ROOT)}")
    return 0 if all(how == "running" for _, _, how in rows) else 1


def down(caches, quiet=False):
    state = read_state()
    stopped = []
    for p in (state or {}).get("processes", []):
        pid = p["pid"]
        if not alive(pid, p["marker"]):
            continue
        try:
            os.killpg(pid, signal.SIGTERM)  # its own session: moto_server's workers go with it
        except OSError:
            pass
        for _ in range(50):
            if not alive(pid, p["marker"]):
                break
            time.sleep(0.1)
        else:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        stopped.append(p["name"])
    shutil.rmtree(STATE_DIR, ignore_errors=True)
    for parent in (STATE_DIR.parent,):
        if parent.name == ".siteops" and parent.exists() and not any(parent.iterdir()):
            parent.rmdir()
    if caches and CACHE:
        shutil.rmtree(CACHE, ignore_errors=True)
    if not quiet:
        print("bin/local: stopped " + (", ".join(stopped) if stopped else "nothing (nothing was running)")
              + ("; start-up caches removed" if caches else ""), file=sys.stderr)


def received():
    """What the emulated services hold after the functions ran: invalidations, issues, PagerDuty events."""
    state = read_state()
    if not state:
        fail("not running: start it with bin/local up")
    client = clients(state)
    cloudfront = client("cloudfront", region_name="us-east-1")
    print("-- CloudFront invalidations (emulator)")
    for distribution in cloudfront.list_distributions()["DistributionList"].get("Items", []):
        for item in cloudfront.list_invalidations(DistributionId=distribution["Id"])["InvalidationList"].get("Items", []):
            batch = cloudfront.get_invalidation(DistributionId=distribution["Id"], Id=item["Id"])["Invalidation"]["InvalidationBatch"]
            print(f"{distribution['Id']} {item['Id']}: {' '.join(batch['Paths']['Items'])}")
    print("-- GitHub issues (stand-in)")
    github = json.load(urllib.request.urlopen(state["github"] + "/_fake/state"))
    for issue in github["issues"]:
        labels = ", ".join(label if isinstance(label, str) else label.get("name", "") for label in issue.get("labels", []))
        comments = issue.get("comments", [])
        count = len(comments) if isinstance(comments, list) else comments
        print(f"#{issue['number']} [{issue['state']}] {issue['title']}  ({count} comments; labels: {labels})")
    print("-- PagerDuty events (stand-in)")
    pagerduty = json.load(urllib.request.urlopen(state["pagerduty"].removesuffix("/v2/enqueue") + "/_fake/state"))
    for event in pagerduty["accepted"]:
        summary = (event.get("payload") or {}).get("summary", "")
        print(f"{event['event_action']:8} {event['dedup_key']}  {summary[:100]}")


def main(argv):
    command = argv[0] if argv else "help"
    flags = set(argv[1:])
    if command == "up":
        up(quiet="--quiet" in flags)
    elif command == "down":
        down(caches="--caches" in flags)
    elif command == "status":
        return status()
    elif command == "env":
        env()
    elif command == "received":
        received()
    elif command in ("help", "-h", "--help"):
        print(__doc__)
    else:
        print(f"bin/local: unknown command '{command}'\n{__doc__}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
