module peiyang

go 1.26.0
