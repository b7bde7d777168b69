package models

import "strings"

// Region is a place in China's administrative hierarchy. Code is the 6-digit
// administrative division code of the county when known.
type Region struct {
	Province string `json:"province,omitempty"`
	City     string `json:"city,omitempty"`
	County   string `json:"county,omitempty"`
	Town     string `json:"town,omitempty"`
	Village  string `json:"village,omitempty"`
	Code     string `json:"code,omitempty"`
}

// String joins the parts from province to village: 四川省德阳市中江县.
// A city part equal to the province (直辖市) is written once.
func (r Region) String() string {
	parts := []string{r.Province}
	if r.City != r.Province {
		parts = append(parts, r.City)
	}
	parts = append(parts, r.County, r.Town, r.Village)
	return strings.Join(parts, "")
}

// Short returns the city and county: 德阳市中江县.
func (r Region) Short() string { return r.City + r.County }

// IsZero reports whether no part is set.
func (r Region) IsZero() bool { return r == Region{} }

// Validate checks the parts' text (as every name's: no control or
// direction characters), the code's form and that it agrees with the
// province.
func (r Region) Validate(field string) error {
	for _, part := range []string{r.Province, r.City, r.County, r.Town, r.Village} {
		if err := CheckText(field, part, MaxName); err != nil {
			return err
		}
	}
	if r.Code == "" {
		return nil
	}
	if len(r.Code) != 6 || !allDigits(r.Code) {
		return Errorf(EINVALID, field, "The administrative code must be 6 digits.")
	}
	p := ProvinceOfCode(r.Code)
	if p == "" {
		return Errorf(EINVALID, field, "The administrative code starts with {{.Code}}, which is no province's code.", "Code", r.Code[:2])
	}
	if r.Province != "" && !strings.HasPrefix(r.Province, p) {
		return Errorf(EINVALID, field, "The administrative code {{.Code}} belongs to {{.Want}}, not {{.Got}}.", "Code", r.Code, "Want", p, "Got", r.Province)
	}
	return nil
}

// Contains reports whether the text occurs in any part of the region, for
// filters such as "德阳" or "中江县".
func (r Region) Contains(text string) bool {
	return text == "" || strings.Contains(r.String(), text) || r.Code == text
}
