"""The report: its context (``context``, ``context_build``), its Markdown from the Jinja2
templates (``render``), the clerk's own templates (``own_templates``), the conversion to
Word, HTML and PDF (``convert``, through pandoc's tree: ``pandoc``, ``tree``, ``word``, ``web``,
``pdf``) and the command's core (``build``)."""
