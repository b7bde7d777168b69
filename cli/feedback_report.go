package cli

import (
	"context"
	"io"

	"peiyang/reports/exports"
	"peiyang/reports/lists"
)

// The feedback package of an outflow region carries its outcome report.
func init() {
	outcomeReport = func(e *env) exports.OutcomeReportFunc {
		return func(ctx context.Context, region string, w io.Writer) error {
			o, err := e.svc.RegionOutcome(ctx, region)
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
}
