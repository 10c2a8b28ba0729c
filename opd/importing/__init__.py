"""Organisation import: OPDs, units and employees from CSV files or one XLSX workbook.

The flow is read -> check -> plan -> write, one module a step:

- reading: the uploads as `Table`s (common.tabular reads the CSV and XLSX; sheets names the
  columns), and the template downloads.
- checks, checks_opds, checks_units, checks_employees: every row checked against the file itself
  and the registry as it was (registry), cell by cell with the parsers of cells; references may
  point to rows of the same import or to existing rows. Every problem is a RowError with the
  file, row, column and a reason in Bahasa Indonesia.
- plan: which rows are new, which change, and the counts per sheet (results).
- writer: the set-based write: a few queries to preload, bulk writes in large batches (COPY on
  PostgreSQL), supervisors in a second pass, then `placements_sync` for new and changed
  employees so that a move keeps the past days with the old OPD and unit.
- services: `org_import`, the entry point of the import_org command and of batches (the HR
  page's upload, preview and confirm).

The write is all-or-nothing unless `keep_good_rows`: then bad rows, and rows that depend on a bad
row (employees of a skipped OPD, subordinates of a skipped supervisor), are left out and reported.
A dry run checks and counts without writing. A column left out of a file keeps the current value
of existing rows (and the default for new ones); a column that is present but empty sets the
empty value. Importing the same files again changes nothing.
"""
