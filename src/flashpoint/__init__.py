"""Flashpoint: news articles -> coded, dated, evidenced political events (PLOVER and CAMEO).

Every module logs to ``logging.getLogger(__name__)``, under the ``flashpoint`` logger. As a library, Flashpoint
configures no logging: the handler below only keeps Python from printing warnings on its own when the
application has configured none. The ``flashpoint`` command sets up stderr logging (``-v``: DEBUG).
"""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
