package idattack

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// WorkbookText returns every row of every sheet of the .xlsx file as one
// line, each cell as Excel shows it and, after it, as stored: a number
// that may be a date serial is also written as the date it stands for,
// since a cell formatted to show the month alone still holds the day.
func WorkbookText(path string) (string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return "", fmt.Errorf("idattack: %w", err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		shown, err := f.GetRows(sheet)
		if err != nil {
			return "", fmt.Errorf("idattack: %s: %w", sheet, err)
		}
		raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return "", fmt.Errorf("idattack: %s: %w", sheet, err)
		}
		for i, row := range shown {
			cells := append([]string{}, row...)
			if i < len(raw) {
				for _, v := range raw[i] {
					cells = append(cells, v)
					if d, ok := serialDate(v); ok {
						cells = append(cells, d)
					}
				}
			}
			b.WriteString(strings.Join(cells, " | "))
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// serialDate reads an Excel date serial between 1900 and 2100.
func serialDate(v string) (string, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 1 || f > 73415 {
		return "", false
	}
	t := time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(f * 24 * float64(time.Hour)))
	return t.Format("2006-01-02"), true
}
