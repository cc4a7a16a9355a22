"""Reference for the scale benchmark: what a user would write instead of `plan aggregate`.

Usage: python3 benches/openpyxl_sum.py DIR
Opens every workbook in DIR with openpyxl (read_only, data_only) and sums every number of every sheet.
No checks, no merging: a lower bound on what such a script costs.
"""

import sys
from pathlib import Path

import openpyxl

total = 0.0
for path in sorted(Path(sys.argv[1]).iterdir()):
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    total += value
    workbook.close()
print(total)
