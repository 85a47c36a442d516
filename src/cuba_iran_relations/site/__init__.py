"""The static reader site's templates (``string.Template``), stylesheet and script: package data, no code.

``_site.write_site`` reads them with ``importlib.resources``; a template per page shape, each filled into
``layout.html``.
"""
