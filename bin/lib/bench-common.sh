# Shared by the whole-process benchmarks (bin/bench-mqtt, bin/bench-coap); sourced, not run. The caller sets
# $bench (its name, for messages), $root, $java, $results, $run_dir and $clock_ticks.
# shellcheck shell=bash

# ---- processes, ports and /proc ----------------------------------------------------------------------------------------------
say() { echo "$bench: $*"; }
now_ms() { date +%s%3N; }

free_port() { # a loopback port nothing listens on
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "$bench: found no free loopback port" >&2
  return 1
}

cpu_seconds() { # pid -> user + system CPU seconds so far
  awk -v ticks="$clock_ticks" '{ sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / ticks }' "/proc/$1/stat"
}

status_kib() { # pid, field of /proc/PID/status -> its value in KiB
  awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"
}

jvm_flags() { # pid of an agent -> the JVM flags it runs with
  { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null | sed 's/ -jar .*//; s/^[^ ]* //'
}

property() { # file, key -> value, or nothing
  [ -f "$1" ] || return 0
  sed -n "s/^$2=//p" "$1" | tail -1
}

wait_for_file() { # file, seconds
  for _ in $(seq $(($2 * 10))); do
    [ -f "$1" ] && return 0
    sleep 0.1
  done
  return 1
}

start_agent() { # config, log file -> sets agent_pid
  FERRY_NO_BUILD=1 "$root/bin/ferry" run -c "$1" --stop-timeout 5s >"$2" 2>&1 &
  agent_pid=$!
}

stop_process() { # pid: SIGTERM, and SIGKILL after 30 s
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 300); do
    kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}


# ---- 1. a backlog from simulated sources, while the broker is unreachable ---------------------------------
# Ten sources of 100 signals each, read every millisecond, fill the log far faster than any sink drains it; the
# sink points at a port where nothing listens, as during an outage, so everything stays in the log for it; the
# drain that follows names its sink the same, so it finds the backlog waiting at its cursor.
fill_backlog() { # sink name, its YAML flow mapping (pointing where nothing answers) -> sets backlog, first_seq
  backlog=$run_dir/backlog
  mkdir -p "$backlog"
  signals=$(for i in $(seq -w 0 99); do
    echo "      - {name: s$i, shape: sine, amplitude: 5, period: 1m, offset: 20, unit: Cel}"
  done)
  {
    echo "agent: {id: bench-gw, data_dir: $backlog/data}"
    echo "log: {max_bytes: 8GiB}"
    echo "sources:"
    for n in $(seq 0 9); do
      echo "  sim$n:"
      echo "    type: simulated"
      echo "    interval: 1ms"
      echo "    tags: {site: plant-3, line: \"$n\"}"
      echo "    signals:"
      echo "$signals"
    done
    echo "sinks:"
    echo "  $1: $2"
  } >"$results/fill.yaml"

  say "filling a backlog of at least $readings readings from simulated sources ..."
  held=0
  for attempt in 1 2 3 4 5; do
    start_agent "$results/fill.yaml" "$results/fill-agent.log"
    # Stop once the log holds enough bytes: about 56 bytes per reading in this workload, 64 to be safe.
    for _ in $(seq 1200); do
      bytes=$(du -sb "$backlog/data/log" 2>/dev/null | cut -f1 || echo 0)
      [ "${bytes:-0}" -ge $((readings * 64)) ] && break
      kill -0 "$agent_pid" 2>/dev/null || break
      sleep 0.1
    done
    if ! kill -0 "$agent_pid" 2>/dev/null; then
      echo "$bench: the agent stopped while filling the backlog; see $results/fill-agent.log" >&2
      exit 1
    fi
    stop_process "$agent_pid"
    stats=$(FERRY_NO_BUILD=1 "$root/bin/ferry" log stats -c "$results/fill.yaml")
    held=$(echo "$stats" | sed -n 's/^readings *\([0-9]*\) held.*/\1/p')
    first_seq=$(echo "$stats" | sed -n 's/^readings.*(seq \([0-9]*\) to.*/\1/p')
    [ "${held:-0}" -ge "$readings" ] && break
    say "the log holds $held readings after attempt $attempt; filling more"
  done
  if [ "${held:-0}" -lt "$readings" ]; then
    echo "$bench: could not fill a backlog of $readings readings; see $results/fill-agent.log" >&2
    exit 1
  fi
  echo "$stats" >"$results/backlog-stats.txt"
  say "backlog: $held readings (seq $first_seq on); each mode drains the first $readings"
}

# ---- the summary ------------------------------------------------------------------------------------------
fmt() { # number -> rounded with thousands separators, or "missing"
  [ -n "$1" ] || { echo missing; return; }
  awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); out = ""
    while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
    print s out }'
}
verdict() { # awk condition -> "met" / "NOT met"
  awk "BEGIN { exit !($1) }" && echo "met" || echo "NOT met"
}
mib() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' || echo missing; }

# ---- a broker with mutual TLS ------------------------------------------------------------------------------------------------
make_pki() { # directory -> a CA, a server certificate for localhost, a client certificate (PEM; client.p12, password bench)
  mkdir -p "$1"
  (
    cd "$1"
    ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
    openssl req -x509 "${ec[@]}" -keyout ca.key -out ca.pem -days 365 -subj "/CN=Ferry bench CA" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
    openssl req "${ec[@]}" -keyout server.key -out server.csr -subj "/CN=localhost"
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 365 -extfile server.ext -out server.pem
    openssl req "${ec[@]}" -keyout client.key -out client.csr -subj "/CN=bench-gw"
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 365 -extfile client.ext -out client.pem
    openssl pkcs12 -export -in client.pem -inkey client.key -certfile ca.pem -name client -out client.p12 \
      -passout pass:bench
  ) >"$results/pki.log" 2>&1
}

start_mosquitto() { # pki directory -> sets plain_port (TCP), tls_port (mTLS) and broker_pid; needs $mosquitto
  plain_port=$(free_port)
  tls_port=$(free_port)
  # max_inflight_messages 0: no limit on QoS 1 messages in flight to a subscriber, and no receive maximum announced to
  # publishers, so the broker does not throttle either side; max_queued_messages 0: a subscriber that falls behind
  # gets everything later instead of losing messages.
  cat >"$results/mosquitto.conf" <<EOF
user $(id -un)
log_dest file $results/mosquitto.log
log_type error
log_type warning
log_type notice
connection_messages true
persistence false
allow_anonymous true
max_inflight_messages 0
max_queued_messages 0
listener $plain_port 127.0.0.1
listener $tls_port 127.0.0.1
cafile $1/ca.pem
certfile $1/server.pem
keyfile $1/server.key
require_certificate true
EOF
  "$mosquitto" -c "$results/mosquitto.conf" 2>>"$results/mosquitto.log" &
  broker_pid=$!
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$plain_port") 2>/dev/null && break
    sleep 0.1
  done
  if ! kill -0 "$broker_pid" 2>/dev/null; then
    echo "$bench: mosquitto did not start; see $results/mosquitto.log" >&2
    exit 1
  fi
  say "mosquitto $("$mosquitto" -h 2>&1 | sed -n 's/^mosquitto version //p') on 127.0.0.1:$plain_port (TCP) and :$tls_port (mTLS)"
}
