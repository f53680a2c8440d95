# The suite on the official Odoo 19.0 image: adds the Python requirements,
# Chromium for browser tours and the addons. Odoo itself comes from the image.
FROM odoo:19.0

USER root
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        chromium fonts-noto-core fonts-farsiweb libcairo2 \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /opt/crm-suite/requirements.txt
# The image's Python is Debian's: allow pip beside the system packages.
RUN pip3 install --no-cache-dir --break-system-packages -r /opt/crm-suite/requirements.txt
COPY addons /mnt/extra-addons
COPY config/docker.conf /etc/odoo/odoo.conf
COPY tests /opt/crm-suite/tests
USER odoo
