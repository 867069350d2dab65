#!/bin/bash
# First boot: database and user for Movable Type, PSGI runtime, permissions. Safe to run again.
set -euo pipefail
# Never on the root volume: the site belongs on its data volume (siteops-mount-data runs first).
mountpoint -q /var/www || { echo "siteops-setup-movabletype: /var/www is not mounted: run siteops-mount-data first" >&2; exit 1; }
install -d -o mt -g mt -m 0755 /var/www/mt /var/www/html /var/log/movabletype
systemctl enable --now mariadb
if [ ! -f /root/.mt-db-password ]; then
  (umask 077; openssl rand -hex 24 > /root/.mt-db-password)
  mysql -e "CREATE DATABASE IF NOT EXISTS mt CHARACTER SET utf8mb4; CREATE USER IF NOT EXISTS 'mt'@'localhost' IDENTIFIED BY '$(cat /root/.mt-db-password)'; GRANT ALL ON mt.* TO 'mt'@'localhost';"
fi
cpanm --notest Plack Starman CGI::PSGI CGI::Parse::PSGI XMLRPC::Transport::HTTP::Plack
# The Movable Type archive is licensed, not downloadable: put it at s3://<ops bucket>/install/MT.zip.
# The bucket's name is the instance tag SiteopsOpsBucket (instance metadata tags are enabled).
token=$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
bucket=$(curl -sf -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/tags/instance/SiteopsOpsBucket || true)
if [ ! -f /var/www/mt/mt.psgi ] && [ -n "$bucket" ] && aws s3 cp --only-show-errors "s3://$bucket/install/MT.zip" /tmp/MT.zip; then
  unzip -q /tmp/MT.zip -d /tmp/mt && cp -a /tmp/mt/MT-*/. /var/www/mt/ && rm -rf /tmp/mt /tmp/MT.zip
fi
# Without the zip the server is waiting for its install (siteops-install-movabletype through Run Command),
# not broken: the marker says so, and the nightly file backup warns instead of failing.
waiting=/var/lib/siteops/movabletype-waiting
if [ -f /var/www/mt/mt.psgi ]; then
  rm -f "$waiting"
else
  install -d -m 0755 /var/lib/siteops
  echo "Movable Type not installed yet: no s3://${bucket:-<ops bucket>}/install/MT.zip at first boot ($(date -u +%FT%TZ))" > "$waiting"
fi
if [ -f /var/www/mt/mt-config.cgi-original ] && [ ! -f /var/www/mt/mt-config.cgi ]; then
  printf '%s\n' 'CGIPath {{admin_path}}' 'StaticWebPath /mt-static/' 'StaticFilePath /var/www/mt/mt-static' \
    'ObjectDriver DBI::mysql' 'Database mt' 'DBUser mt' "DBPassword $(cat /root/.mt-db-password)" 'DBHost localhost' \
    'DefaultLanguage ja' 'PIDFilePath /var/run/mt.pid' > /var/www/mt/mt-config.cgi
fi
# MT writes published pages, uploads and caches; the rest of its tree stays read-only to it.
chown -R root:mt /var/www/mt && chmod -R g-w,o-w /var/www/mt
[ -f /var/www/mt/mt-config.cgi ] && chmod 0640 /var/www/mt/mt-config.cgi
install -d -o mt -g mt -m 0775 /var/www/mt/mt-static/support
chown -R mt:sftp-editors /var/www/html && chmod -R g+rwX /var/www/html && find /var/www/html -type d -exec chmod g+s {} +
# The SFTP jail must be root-owned; editors see the published tree through a bind mount.
install -d -o root -g root -m 0755 /srv/sftp/editor /srv/sftp/editor/html
grep -q '/srv/sftp/editor/html' /etc/fstab || echo '/var/www/html /srv/sftp/editor/html none bind 0 0' >> /etc/fstab
mount -a
