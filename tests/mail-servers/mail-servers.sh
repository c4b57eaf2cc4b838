#!/usr/bin/env bash
# Real mail servers for the tests of sending and receiving through a person's own mailbox: a
# private Dovecot (IMAP, LMTP) and a private Postfix (submission) on 127.0.0.1, with a CA and a
# server certificate made at start. Everything lives under DIR (configs, certificates, sockets,
# queue, mail, logs, pids): nothing under /etc or /var is changed, and several instances with
# different DIRs run side by side, each on its own free ports. Needs root (Postfix's master
# must start as root) and the packages of `scripts/setup.sh test`. See README.md here.
#
#   mail-servers.sh start DIR [USERS_FILE]   start both, wait for every port, write DIR/env
#   mail-servers.sh stop DIR                 stop both (safe to repeat); no process is left
#   mail-servers.sh stop-smtp DIR | start-smtp DIR | restart-smtp DIR
#                                            Postfix alone, on the same ports
#   mail-servers.sh deliver DIR FROM TO FILE put a message (FILE, or - for stdin) into TO's
#                                            INBOX through Dovecot's LMTP, as a reply arrives
#   mail-servers.sh dump DIR ADDRESS [FOLDER] print the messages of a folder (default INBOX)
#   mail-servers.sh held DIR                 list the messages held for outside domains
#   mail-servers.sh check DIR                Postfix's full integrity check of the instance
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The domain whose refused@ and busy@ addresses are refused at RCPT with a 5xx and a 4xx.
REFUSED_RCPT=refused@vendor.test
BUSY_RCPT=busy@vendor.test
# Accepted at RCPT (Postfix lists it), unknown to Dovecot: LMTP refuses it and Postfix bounces
# it, a real RFC 3464 failure report to the sender.
GONE_RCPT=gone@vendor.test

die() { echo "mail-servers: $*" >&2; exit 1; }
usage() { sed -n '9,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# DIR as an absolute path. Its parents must be traversable by the mail user and by postfix, and
# Dovecot's sockets must fit a unix socket path (108 bytes), hence the checks.
resolve_dir() {
  [ -n "${1:-}" ] || usage
  mkdir -p "$1"
  D="$(cd "$1" && pwd)"
  case "$D" in *[!A-Za-z0-9._/-]*) die "DIR must be a plain path (letters, digits, . _ - /): $D" ;; esac
  [ ${#D} -le 70 ] || die "DIR is too long for Dovecot's unix sockets (${#D} > 70 characters): $D"
}

need_root_and_tools() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (Postfix's master starts as root and drops privileges)"
  local missing=()
  command -v dovecot >/dev/null || missing+=(dovecot)
  command -v postfix >/dev/null || missing+=(postfix)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v python3 >/dev/null || missing+=(python3)
  [ -x /usr/lib/dovecot/lmtp ] || missing+=(dovecot-lmtpd)
  [ -x /usr/lib/dovecot/imap ] || missing+=(dovecot-imapd)
  [ ${#missing[@]} -eq 0 ] || die "${missing[*]} not installed: run scripts/setup.sh test"
  getent passwd postfix >/dev/null && getent group postdrop >/dev/null ||
    die "the postfix user or postdrop group is missing: reinstall postfix (scripts/setup.sh test)"
}

# The last lines of the logs, for a failure message.
show_logs() {
  local f
  for f in "$D/logs/dovecot.log" "$D/logs/postfix.log" "$D/logs/start.log"; do
    [ -s "$f" ] || continue
    echo "---- last lines of $f" >&2
    tail -n 25 "$f" >&2
  done
}

# N free TCP ports on 127.0.0.1, outside Linux's ephemeral range (so an outgoing connection
# never takes one before the server binds it), picked at random so parallel instances differ.
# MAIL_SERVERS_BASE_PORT=P picks P, P+1, … instead.
free_ports() {
  python3 - "$1" "${MAIL_SERVERS_BASE_PORT:-}" <<'PY'
import random, socket, sys
n, base = int(sys.argv[1]), sys.argv[2]
candidates = range(int(base), int(base) + n) if base else random.sample(range(20000, 32000), 400)
held, ports = [], []
for port in candidates:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        s.close()
        continue
    held.append(s)
    ports.append(port)
    if len(ports) == n:
        break
if len(ports) < n:
    sys.exit("mail-servers: no %d free ports found%s" % (n, " from %s" % base if base else ""))
print(" ".join(map(str, ports)))
PY
}

# Waits (at most 10 s) until every port accepts a TCP connection; `false` if one never does.
wait_ports() {
  local port deadline=$((SECONDS + 10))
  for port in "$@"; do
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      [ $SECONDS -lt $deadline ] || { echo "port $port never accepted a connection" >>"$D/logs/start.log"; return 1; }
      sleep 0.05
    done
  done
}

# The processes of one daemon: its master's session (both masters start a new session), so
# stopping never touches another instance or a system-wide server.
session_pids() { ps -e -o pid=,sid= | awk -v s="$1" '$2 == s { print $1 }'; }

# Stops the daemon whose master's pid and session are in FILE: SIGTERM to the master, up to 5 s
# for its session to end, then SIGKILL to what is left of that session.
stop_session() {
  local file="$1" sid pid i
  [ -f "$file" ] || return 0
  sid="$(cat "$file")"
  if [ -n "$sid" ]; then
    kill -TERM "$sid" 2>/dev/null || true
    for i in $(seq 100); do
      [ -n "$(session_pids "$sid")" ] || break
      sleep 0.05
    done
    for pid in $(session_pids "$sid"); do kill -KILL "$pid" 2>/dev/null || true; done
  fi
  rm -f "$file"
}

# ---- certificates ---------------------------------------------------------------------------

make_certs() {
  local c="$D/certs"
  mkdir -p "$c"
  cat >"$c/openssl.cnf" <<EOF
# Made by tests/mail-servers/mail-servers.sh: a test CA and one server certificate.
[req]
distinguished_name = dn
prompt = no
[dn]
CN = Redress test CA
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
  (
    umask 077
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$c/ca.key" 2>/dev/null
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$c/server.key" 2>/dev/null
  )
  openssl req -x509 -config "$c/openssl.cnf" -extensions ca -key "$c/ca.key" -days 7 \
    -subj "/O=Redress tests/CN=Redress test CA $(basename "$D")" -out "$c/ca.crt"
  openssl req -new -config "$c/openssl.cnf" -key "$c/server.key" -subj "/O=Redress tests/CN=localhost" |
    openssl x509 -req -CA "$c/ca.crt" -CAkey "$c/ca.key" -set_serial "0x$(openssl rand -hex 12)" -days 7 \
      -extfile "$c/openssl.cnf" -extensions server -out "$c/server.crt" 2>/dev/null
  chmod 644 "$c/ca.crt" "$c/server.crt"
}

# ---- users ----------------------------------------------------------------------------------

# Reads the users file into NAMES, ADDRS, PASSES and DOMAINS (unique, in order).
read_users() {
  NAMES=() ADDRS=() PASSES=() DOMAINS=()
  local name addr pass extra domain
  while read -r name addr pass extra; do
    case "$name" in ''|'#'*) continue ;; esac
    [[ "$name" =~ ^[A-Z][A-Z0-9_]*$ ]] || die "users file: bad NAME '$name' (want [A-Z][A-Z0-9_]*)"
    [[ "$addr" =~ ^[a-z0-9._+-]+@[a-z0-9.-]+$ ]] || die "users file: bad ADDRESS '$addr' for $name"
    [ -z "$extra" ] || die "users file: too many fields on the line of $name"
    [ -n "$pass" ] || pass="$(openssl rand -hex 12)"
    [[ "$pass" =~ ^[A-Za-z0-9._+-]+$ ]] || die "users file: the password of $name may only use A-Z a-z 0-9 . _ + -"
    case " ${NAMES[*]} " in *" $name "*) die "users file: $name appears twice" ;; esac
    NAMES+=("$name") ADDRS+=("$addr") PASSES+=("$pass")
    domain="${addr#*@}"
    case " ${DOMAINS[*]} " in *" $domain "*) ;; *) DOMAINS+=("$domain") ;; esac
  done <"$1"
  [ ${#NAMES[@]} -gt 0 ] || die "users file $1 lists no user"
  domain="${REFUSED_RCPT#*@}"
  case " ${DOMAINS[*]} " in *" $domain "*) ;; *) DOMAINS+=("$domain") ;; esac
}

# ---- Dovecot --------------------------------------------------------------------------------

write_dovecot() {
  local mail_user uid gid i
  # Dovecot never delivers mail as root: mail belongs to an unprivileged system user.
  if getent passwd mail >/dev/null; then mail_user=mail; else mail_user=nobody; fi
  uid="$(id -u "$mail_user")" gid="$(id -g "$mail_user")"
  mkdir -p "$D/dovecot" "$D/dovecot-run" "$D/dovecot-state" "$D/mail"
  chown "$mail_user:$(id -gn "$mail_user")" "$D/mail"
  chmod 700 "$D/mail"
  # passwd-file: user:password:uid:gid:gecos:home:shell:extra; uid, gid and home come from
  # the userdb's default_fields. Read by the auth process, which runs as the dovecot user.
  : >"$D/dovecot/passwd"
  for i in "${!NAMES[@]}"; do
    printf '%s:{PLAIN}%s::::::\n' "${ADDRS[$i]}" "${PASSES[$i]}" >>"$D/dovecot/passwd"
  done
  chown root:dovecot "$D/dovecot/passwd"
  chmod 640 "$D/dovecot/passwd"
  cat >"$D/dovecot/dovecot.conf" <<EOF
# Made by tests/mail-servers/mail-servers.sh for one test instance: everything is under
# $D and nothing is read from /etc/dovecot.
instance_name = redress-mail-$(basename "$D")
base_dir = $D/dovecot-run
state_dir = $D/dovecot-state
hostname = localhost
protocols = imap lmtp
listen = 127.0.0.1
log_path = $D/logs/dovecot.log
auth_verbose = yes
login_greeting = Redress test IMAP ready.

ssl = yes
ssl_cert = <$D/certs/server.crt
ssl_key = <$D/certs/server.key
ssl_min_protocol = TLSv1.2
# LOGIN only after TLS; but Dovecot counts a connection from 127.0.0.1 to 127.0.0.1 as
# secured, so over loopback LOGIN works before STARTTLS too (its log says "TLS" or not).
disable_plaintext_auth = yes
auth_mechanisms = plain login

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $D/dovecot/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $D/dovecot/passwd
  default_fields = uid=$uid gid=$gid home=$D/mail/%d/%n
}
first_valid_uid = $uid
last_valid_uid = $uid
first_valid_gid = $gid
last_valid_gid = $gid

mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}

# The names imap and imaps replace Dovecot's default listeners on 143 and 993.
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_STARTTLS_PORT
  }
  inet_listener imap_plain {
    address = 127.0.0.1
    port = $IMAP_PLAIN_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}
# Postfix delivers through LMTP and checks passwords through the auth socket, both here.
service lmtp {
  unix_listener lmtp {
    mode = 0600
    user = postfix
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0600
    user = postfix
  }
}
# Mail processes run as $mail_user and report to the stats process.
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
EOF
}

start_dovecot() {
  # Dovecot checks its configuration and binds its ports, then goes to the background; its
  # master writes its pid a moment later.
  dovecot -c "$D/dovecot/dovecot.conf" 2>>"$D/logs/start.log" || return 1
  record_session "$D/dovecot-run/master.pid" "$D/dovecot.sid"
}

# Once the master's pid file exists (at most 5 s), notes the master's session in SID_FILE.
record_session() {
  local pidfile="$1" sidfile="$2" pid="" i
  for i in $(seq 100); do
    pid="$(awk '{ print $1; exit }' "$pidfile" 2>/dev/null)" && [ -n "$pid" ] && break
    sleep 0.05
  done
  [ -n "$pid" ] || { echo "no pid in $pidfile" >>"$D/logs/start.log"; return 1; }
  ps -o sid= -p "$pid" | tr -d ' ' >"$sidfile"
  [ -s "$sidfile" ] || { echo "process $pid of $pidfile is gone" >>"$D/logs/start.log"; return 1; }
}

# ---- Postfix --------------------------------------------------------------------------------

write_postfix() {
  local p="$D/postfix" i
  mkdir -p "$p"
  chown root:root "$p"
  chmod 755 "$p"
  make_postfix_dirs
  : >"$p/virtual_mailboxes"
  for i in "${!ADDRS[@]}"; do printf '%s OK\n' "${ADDRS[$i]}" >>"$p/virtual_mailboxes"; done
  printf '%s OK\n' "$GONE_RCPT" >>"$p/virtual_mailboxes"
  cat >"$p/recipient_access" <<EOF
# Recipients refused at RCPT TO, for tests of refusals (5xx) and retries (4xx).
$REFUSED_RCPT 550 5.1.1 Mailbox unavailable (Redress test server refuses this recipient)
$BUSY_RCPT 451 4.2.1 Mailbox busy, try again later (Redress test server)
EOF
  cat >"$p/main.cf" <<EOF
# Made by tests/mail-servers/mail-servers.sh for one test instance: everything is under
# $D. Nothing ever leaves: there is no smtp client in master.cf.
compatibility_level = 3.6
queue_directory = $D/postfix-queue
data_directory = $D/postfix-data
maillog_file = $D/logs/postfix.log
maillog_file_prefixes = $D/logs
syslog_name = redress-mail
myhostname = localhost
mydomain = localdomain
myorigin = \$myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
biff = no
append_dot_mydomain = no
smtpd_banner = \$myhostname ESMTP Redress test server
message_size_limit = 26214400

# No DNS: no client host name lookups, and the smtp client does not exist anyway.
smtpd_peername_lookup = no
smtp_dns_support_level = disabled

# The test domains are delivered into Dovecot through LMTP, to the users it knows.
virtual_mailbox_domains = ${DOMAINS[*]}
virtual_mailbox_maps = texthash:$p/virtual_mailboxes
virtual_transport = lmtp:unix:$D/dovecot-run/lmtp
# Anything else is accepted and held (deferred, retried by no one) in the queue: never sent.
default_transport = retry:4.7.0 held by the Redress test server, outside the test domains
relay_transport = \$default_transport
local_transport = error:5.1.1 no local delivery on the Redress test server
# Retry LMTP soon, should Dovecot be briefly away.
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 30s

# Submission only: TLS, then SASL AUTH (Dovecot's), then any recipient but the refused ones.
smtpd_tls_chain_files = $D/certs/server.key, $D/certs/server.crt
smtpd_tls_loglevel = 1
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_received_header = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $D/dovecot-run/auth-postfix
smtpd_sasl_security_options = noanonymous
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = check_recipient_access texthash:$p/recipient_access, permit_sasl_authenticated, reject
EOF
  cat >"$p/master.cf" <<EOF
# Made by tests/mail-servers/mail-servers.sh. Two submission listeners, the internal services,
# LMTP to Dovecot and the retry agent that holds outside mail; no smtp client, no chroot.
# service                type  private unpriv chroot wakeup maxproc command + args
127.0.0.1:$SMTPS_PORT      inet  n       -      n      -      -       smtpd
  -o syslog_name=redress-mail/smtps
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
127.0.0.1:$SUBMISSION_STARTTLS_PORT      inet  n       -      n      -      -       smtpd
  -o syslog_name=redress-mail/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
pickup    unix  n  -  n  60    1  pickup
cleanup   unix  n  -  n  -     0  cleanup
qmgr      unix  n  -  n  300   1  qmgr
tlsmgr    unix  -  -  n  1000? 1  tlsmgr
rewrite   unix  -  -  n  -     -  trivial-rewrite
bounce    unix  -  -  n  -     0  bounce
defer     unix  -  -  n  -     0  bounce
trace     unix  -  -  n  -     0  bounce
verify    unix  -  -  n  -     1  verify
flush     unix  n  -  n  1000? 0  flush
proxymap  unix  -  -  n  -     -  proxymap
showq     unix  n  -  n  -     -  showq
error     unix  -  -  n  -     -  error
retry     unix  -  -  n  -     -  error
lmtp      unix  -  -  n  -     -  lmtp
anvil     unix  -  -  n  -     1  anvil
scache    unix  -  -  n  -     1  scache
postlog   unix-dgram n  -  n  -  1  postlogd
EOF
}

# The queue and data directories, with the owners and modes Postfix's own list gives them
# (postfix-files: the queue belongs to root, its subfolders to postfix, maildrop and public
# to the postdrop group). Made here because `postfix start` otherwise runs its integrity check,
# two seconds of shell; `mail-servers.sh check DIR` runs that check (scripts/test-all.sh does).
make_postfix_dirs() {
  local meta
  meta="$(postconf -dh meta_directory)/postfix-files"
  [ -f "$meta" ] || die "no $meta: reinstall postfix (scripts/setup.sh test)"
  awk -F: '$2 == "d" && $1 ~ /^\$(queue|data)_directory/ { print $1, $3, $4, $5 }' "$meta" |
    while read -r path owner group mode; do
      path="${path/\$queue_directory/$D/postfix-queue}"
      path="${path/\$data_directory/$D/postfix-data}"
      owner="${owner/\$mail_owner/postfix}"
      group="${group/\$setgid_group/postdrop}"
      [ "$group" != - ] || group="$(id -gn "$owner")"
      mkdir -p "$path"
      chown "$owner:$group" "$path"
      chmod "$mode" "$path"
    done
}

start_postfix() {
  # postfix start returns once the master runs (master -w); its errors go to the log file.
  # quick-start: the directories are known good, skip the integrity check.
  touch "$D/postfix-queue/quick-start"
  postfix -c "$D/postfix" start >>"$D/logs/start.log" 2>&1 || return 1
  record_session "$D/postfix-queue/pid/master.pid" "$D/postfix.sid"
}

# ---- commands -------------------------------------------------------------------------------

cmd_start() {
  resolve_dir "$1"
  local users="${2:-}"
  need_root_and_tools
  [ -z "$users" ] && [ -f "$D/users" ] && users="$D/users"
  [ -n "$users" ] || users="$HERE/users"
  [ -f "$users" ] || die "no users file $users"
  if [ -f "$D/dovecot.sid" ] || [ -f "$D/postfix.sid" ]; then
    die "an instance is already running in $D (mail-servers.sh stop $D first)"
  fi
  read_users "$users"
  [ "$users" = "$D/users" ] || cp "$users" "$D/users"
  # The mail user and postfix reach sockets and mail below DIR; they need not list it.
  chmod 711 "$D"
  rm -rf "$D/logs" "$D/env"
  mkdir -p "$D/logs"
  : >"$D/logs/start.log"
  local ports
  ports="$(free_ports 5)" || exit 1
  read -r IMAPS_PORT IMAP_STARTTLS_PORT IMAP_PLAIN_PORT SMTPS_PORT SUBMISSION_STARTTLS_PORT <<<"$ports"

  make_certs
  write_dovecot
  write_postfix
  trap 'echo "mail-servers: start failed in $D" >&2; show_logs; cmd_stop_quiet; exit 1' ERR
  start_dovecot
  start_postfix
  wait_ports "$IMAPS_PORT" "$IMAP_STARTTLS_PORT" "$IMAP_PLAIN_PORT" "$SMTPS_PORT" "$SUBMISSION_STARTTLS_PORT"
  trap - ERR
  write_env
}

write_env() {
  local i tmp="$D/env.tmp"
  {
    echo "# Test mail servers of $D (tests/mail-servers/README.md). No value needs quoting."
    echo "MAIL_SERVERS_DIR=$D"
    echo "HOST=127.0.0.1"
    echo "TLS_SERVER_NAME=localhost"
    echo "CA_FILE=$D/certs/ca.crt"
    echo "IMAPS_PORT=$IMAPS_PORT"
    echo "IMAP_STARTTLS_PORT=$IMAP_STARTTLS_PORT"
    echo "IMAP_PLAIN_PORT=$IMAP_PLAIN_PORT"
    echo "SMTPS_PORT=$SMTPS_PORT"
    echo "SUBMISSION_STARTTLS_PORT=$SUBMISSION_STARTTLS_PORT"
    echo "MAIL_USERS=$(IFS=,; echo "${NAMES[*]}")"
    for i in "${!NAMES[@]}"; do
      echo "USER_${NAMES[$i]}=${ADDRS[$i]}"
      echo "PASS_${NAMES[$i]}=${PASSES[$i]}"
      echo "MAILDIR_${NAMES[$i]}=$D/mail/${ADDRS[$i]#*@}/${ADDRS[$i]%@*}/Maildir"
    done
    echo "MAIL_DOMAINS=$(IFS=,; echo "${DOMAINS[*]}")"
    echo "REFUSED_RCPT=$REFUSED_RCPT"
    echo "BUSY_RCPT=$BUSY_RCPT"
    echo "GONE_RCPT=$GONE_RCPT"
    echo "LMTP_SOCKET=$D/dovecot-run/lmtp"
    echo "DOVECOT_LOG=$D/logs/dovecot.log"
    echo "POSTFIX_LOG=$D/logs/postfix.log"
  } >"$tmp"
  mv "$tmp" "$D/env"
}

need_env() {
  [ -f "$D/env" ] || die "no running instance in $D (no $D/env: mail-servers.sh start $D first)"
  # shellcheck disable=SC1091
  . "$D/env"
}

cmd_stop_quiet() {
  stop_session "$D/postfix.sid"
  stop_session "$D/dovecot.sid"
}

cmd_stop() {
  resolve_dir "$1"
  cmd_stop_quiet
  rm -f "$D/env"
}

cmd_stop_smtp() {
  resolve_dir "$1"
  need_env
  stop_session "$D/postfix.sid"
}

cmd_start_smtp() {
  resolve_dir "$1"
  need_env
  [ ! -f "$D/postfix.sid" ] || die "Postfix already runs in $D"
  trap 'echo "mail-servers: Postfix did not start again in $D" >&2; show_logs; exit 1' ERR
  start_postfix
  wait_ports "$SMTPS_PORT" "$SUBMISSION_STARTTLS_PORT"
  trap - ERR
}

# Postfix's full integrity check of the instance (owners, modes, configuration): any warning
# fails, so a change of Postfix's expectations is noticed.
cmd_check() {
  resolve_dir "$1"
  need_env
  local out
  out="$(postfix -c "$D/postfix" check 2>&1)" || { echo "$out" >&2; die "postfix check failed"; }
  # Its findings go to the log file, not to stderr.
  if grep -E 'postfix-script\[[0-9]+\]: (warning|fatal|error)' "$D/logs/postfix.log" >&2; then
    die "postfix check warned (above)"
  fi
  [ -z "$out" ] || { echo "$out" >&2; die "postfix check printed the above"; }
}

cmd_deliver() {
  resolve_dir "$1"
  [ $# -eq 4 ] || usage
  need_env
  local file="$4"
  [ "$file" = - ] || [ -f "$file" ] || die "no message file $file"
  python3 - "$LMTP_SOCKET" "$2" "$3" "$file" <<'PY'
import smtplib, sys
sock, sender, rcpt, path = sys.argv[1:]
data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
with smtplib.LMTP(sock) as lmtp:
    refused = lmtp.sendmail(sender, [rcpt], data)
if refused:
    sys.exit("mail-servers: LMTP refused %s: %s" % (rcpt, refused))
PY
}

cmd_dump() {
  resolve_dir "$1"
  [ $# -ge 2 ] && [ $# -le 3 ] || usage
  need_env
  local addr="$2" folder="${3:-INBOX}" box f
  box="$D/mail/${addr#*@}/${addr%@*}/Maildir"
  [ -d "$box" ] || die "no mailbox for $addr yet ($box)"
  # Maildir++: INBOX is the Maildir itself, other folders are .NAME (sub/folder is .sub.folder).
  [ "$folder" = INBOX ] || box="$box/.${folder//\//.}"
  [ -d "$box" ] || die "no folder $folder for $addr ($box)"
  # Oldest first: a Maildir file's name starts with its delivery time.
  find "$box/new" "$box/cur" -type f -printf '%f %p\n' 2>/dev/null | sort -n | while read -r _ f; do
    printf '==> %s <==\n' "$f"
    cat "$f"
    echo
  done
}

cmd_held() {
  resolve_dir "$1"
  need_env
  # One line a held recipient: queue id, sender, recipient, reason (postqueue's JSON).
  postqueue -c "$D/postfix" -j | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    for r in m["recipients"]:
        print(m["queue_id"], m["sender"], r["address"], r.get("delay_reason", ""), sep="\t")
'
}

case "${1:-}" in
  start) shift; [ $# -ge 1 ] && [ $# -le 2 ] || usage; cmd_start "$@" ;;
  stop) shift; [ $# -eq 1 ] || usage; cmd_stop "$1" ;;
  stop-smtp) shift; [ $# -eq 1 ] || usage; cmd_stop_smtp "$1" ;;
  start-smtp) shift; [ $# -eq 1 ] || usage; cmd_start_smtp "$1" ;;
  restart-smtp) shift; [ $# -eq 1 ] || usage; cmd_stop_smtp "$1"; cmd_start_smtp "$1" ;;
  deliver) shift; cmd_deliver "$@" ;;
  dump) shift; cmd_dump "$@" ;;
  held) shift; [ $# -eq 1 ] || usage; cmd_held "$1" ;;
  check) shift; [ $# -eq 1 ] || usage; cmd_check "$1" ;;
  *) usage ;;
esac
