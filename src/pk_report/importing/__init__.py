"""Importing survey and attendance exports into the register (issue 22).

Reading exports (``export``, ``detect``, ``forms``, ``google``, ``teams``, ``mapping``) turns a
file the clerk already has into an :class:`~pk_report.importing.export.Export`; planning and
writing turn that into register rows.
"""
