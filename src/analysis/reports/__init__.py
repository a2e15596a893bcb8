"""What a reader gets: the numbers a report states (``numbers``), findings in words
(``findings``), citations, reader tables and pages (``tables``, ``page``), the province report and
the national overview (``province``, ``national``), downloads, the index page of a run and the
papermill batch that writes them all (``batch``, ``index_page``)."""
