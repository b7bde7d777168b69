package cli

import (
	"context"
	"io"

	"peiyang/reports/lists"
	"peiyang/sheets/exports"
)

// outcomeReport writes an outflow region's outcome report, which the
// feedback package carries beside its workbook.
func (e *env) outcomeReport() exports.OutcomeReportFunc {
	return func(ctx context.Context, region string, w io.Writer) error {
		o, err := e.svc.FollowUp.RegionOutcome(ctx, region)
		if err != nil {
			return err
		}
		m, err := e.listsMeta(false)
		if err != nil {
			return err
		}
		_, err = lists.Outcomes(w, m, o)
		return err
	}
}
