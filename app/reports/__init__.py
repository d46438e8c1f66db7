"""What a worksheet becomes when it leaves the app: PDF, ClaimReview, CSV, Markdown.

Plain Python (reportlab for the PDF, no Qt). Entry points:

* :func:`app.reports.pdf.write_pdf` / :func:`~app.reports.pdf.render_pdf`: the PDF
  worksheet report, or with ``blank=True`` the printable worksheet to fill in by hand;
* :func:`app.reports.claimreview.claimreview_json`: schema.org ClaimReview JSON-LD;
* :func:`app.reports.csvexport.write_csv`: claims and sources as two CSV files;
* :func:`app.reports.markdown.markdown_report`: a Markdown report.

Printing has no layout of its own: the window prints the PDF's pages.

Every string from the article, the user or a source is escaped for the target
format here (:mod:`app.reports.markup` for reportlab), never by the caller.
"""
