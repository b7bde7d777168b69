package imports

import (
	"context"

	"peiyang/models"
	"peiyang/store"
)

// fixtureDB embeds the store so that bulkStore satisfies training.Store.
type fixtureDB struct{ *store.DB }

func (b *bulkStore) CreateTrainees(ctx context.Context, ts []*models.Trainee) error {
	b.calls++
	for _, t := range ts {
		if err := b.DB.CreateTrainee(ctx, t); err != nil {
			return err
		}
		b.rows++
	}
	return nil
}
