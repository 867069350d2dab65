#!/bin/bash
# siteops-mount-data [--move]: the site's data volume, mounted at /var/www: Movable Type, the published pages,
# uploads, and MariaDB's datadir /var/www/mysql (infra/README.md, "The data volume").
#   The volume is the one the instance tag SiteopsDataVolume names. On Nitro instances it is the NVMe disk whose
#   serial is that id (/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol...); Xen types (t2, m4) have no such
#   serial, there it is the attachment's device name /dev/sdf (xvdf). Terraform attaches it after the instance
#   starts, so this waits for it. It is formatted (XFS) only when it holds nothing at all, and mounted by UUID
#   with nofail: a server whose volume is missing still boots, for Session Manager.
#   MariaDB, NGINX and Movable Type start only with /var/www mounted (systemd drop-ins), never on an empty
#   /var/www of the root volume.
#   First boot: cloud-init runs it before anything starts. --move: a server set up before it had a data volume;
#   stops the site, copies /var/www and /var/lib/mysql onto the volume, keeps the originals beside them as
#   *.root-volume, starts the site again.
# Safe to run again: with /var/www mounted it only rewrites the configuration.
set -euo pipefail

usage() { echo "usage: siteops-mount-data [--move]" >&2; exit 2; }
fail() { echo "siteops-mount-data: $*" >&2; exit 1; }
move=false
case "${1:-}" in
  "") ;;
  --move) move=true ;;
  *) usage ;;
esac
[ $# -le 1 ] || usage

www=/var/www
datadir=$www/mysql
site_services=(mariadb nginx movabletype)

start_site() {
  systemctl start mariadb nginx
  if systemctl is-enabled --quiet movabletype; then systemctl start movabletype; fi
}

configure_services() {
  for service in "${site_services[@]}"; do
    install -d -m 0755 "/etc/systemd/system/$service.service.d"
    printf '%s\n' '[Unit]' '# The site data volume (siteops-mount-data): never start without it.' \
      "RequiresMountsFor=$www" "AssertPathIsMountPoint=$www" > "/etc/systemd/system/$service.service.d/siteops-data-volume.conf"
  done
  # After mariadb-server.cnf in the include order, so this datadir wins; the socket stays in /var/lib/mysql.
  install -d -m 0755 /etc/my.cnf.d
  printf '%s\n' '[mysqld]' '# On the data volume, with the web root (siteops-mount-data).' "datadir=$datadir" > /etc/my.cnf.d/siteops-datadir.cnf
  systemctl daemon-reload
  if mountpoint -q "$www" && [ ! -d "$datadir" ]; then install -d -o mysql -g mysql -m 0755 "$datadir"; fi
}

# First boot: before anything else, so that nothing starts on the root volume whatever happens below. A --move
# configures the services once the data is across: until then the site must be able to start where it is.
$move || configure_services
if mountpoint -q "$www"; then
  configure_services
  echo "siteops-mount-data: $www is mounted ($(findmnt -no SOURCE "$www"))"
  exit 0
fi

token=$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
volume=$(curl -sf -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/tags/instance/SiteopsDataVolume) \
  || fail "the instance has no tag SiteopsDataVolume: apply the site's Terraform first"
[[ $volume =~ ^vol-[0-9a-f]{8,17}$ ]] || fail "the tag SiteopsDataVolume is '$volume', not a volume id"

wait_seconds=${SITEOPS_DATA_VOLUME_WAIT_SECONDS:-900}
device=
for ((waited = 0; ; waited += 5)); do
  for candidate in "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${volume/-/}" /dev/sdf /dev/xvdf; do
    if [ -b "$candidate" ]; then
      device=$(readlink -f "$candidate")
      break 2
    fi
  done
  [ "$waited" -lt "$wait_seconds" ] || fail "$volume is not attached after ${wait_seconds}s (aws ec2 describe-volumes --volume-ids $volume)"
  sleep 5
done
root_disk=$(lsblk -no PKNAME "$(findmnt -no SOURCE /)")
[ "${device#/dev/}" != "$root_disk" ] || fail "$device is the root disk, not $volume"

# blkid -p: 0 something is there (file system, partition table, RAID member...), 2 nothing at all.
probe=0
blkid -p "$device" > /dev/null 2>&1 || probe=$?
case $probe in
  0) ;;
  2)
    echo "siteops-mount-data: $device ($volume) is blank: formatting it (XFS, label siteops-data)"
    mkfs.xfs -q -L siteops-data "$device"
    udevadm settle
    ;;
  *) fail "blkid -p $device exited $probe: not formatting a disk that may hold data" ;;
esac
uuid=$(blkid -p -o value -s UUID "$device" || true)
fstype=$(blkid -p -o value -s TYPE "$device" || true)
[ -n "$uuid" ] || fail "$device ($volume) holds no file system with a UUID (a partition table?): not touching it"

if [ -n "$(ls -A "$www" 2> /dev/null)" ] || [ -d /var/lib/mysql/mysql ]; then
  $move || fail "the root volume already holds this site ($www, /var/lib/mysql): run siteops-mount-data --move to copy it onto $volume (the site stops meanwhile)"
  staging=$(mktemp -d /mnt/siteops-data.XXXXXX)
  mount "$device" "$staging"
  if [ -n "$(ls -A "$staging")" ]; then
    umount "$staging" && rmdir "$staging"
    fail "$volume already holds files: nothing was changed; copy by hand"
  fi
  echo "siteops-mount-data: stopping the site to copy $www and /var/lib/mysql onto $volume"
  systemctl stop movabletype nginx mariadb
  # A failed copy (most likely: the volume is too small) changes nothing: the site starts again where it was.
  trap 'umount "$staging"; start_site; echo "siteops-mount-data: the copy failed; the site runs from the root volume again" >&2' ERR
  cp -a "$www/." "$staging/"
  if [ -d /var/lib/mysql/mysql ]; then
    cp -a /var/lib/mysql/. "$staging/mysql/"
    rm -f "$staging/mysql/mysql.sock"
  fi
  umount "$staging"
  trap - ERR
  rmdir "$staging"
  # The originals stay on the root volume until the site is checked (infra/README.md says when to delete them).
  if mountpoint -q /srv/sftp/editor/html; then umount /srv/sftp/editor/html; fi
  mv "$www" "$www.root-volume" && install -d -m 0755 "$www"
  if [ -d /var/lib/mysql/mysql ]; then
    mv /var/lib/mysql /var/lib/mysql.root-volume && install -d -o mysql -g mysql -m 0755 /var/lib/mysql
  fi
fi

# Only now, with the data across: a reboot mounts the volume at /var/www from here on.
entry="UUID=$uuid $www $fstype defaults,nofail 0 2"
if ! grep -qxF "$entry" /etc/fstab; then
  sed -i "\\|^[^#[:space:]]\\+[[:space:]]\\+${www}[[:space:]]|d" /etc/fstab
  echo "$entry" >> /etc/fstab
  systemctl daemon-reload
fi
install -d -m 0755 "$www"
mount "$www"
configure_services
echo "siteops-mount-data: $volume ($device) mounted at $www"

if $move; then
  # The SFTP jail's bind mount of the published tree, and the agent's disk metric for the data volume alarm.
  mount -a
  agent=/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
  if grep -q '"resources": \["/"\]' "$agent"; then
    sed -i 's|"resources": \["/"\]|"resources": ["/", "/var/www"]|' "$agent"
    /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c "file:$agent"
  fi
  start_site
  echo "siteops-mount-data: the site runs from $volume; the copies left on the root volume: $www.root-volume /var/lib/mysql.root-volume"
fi
