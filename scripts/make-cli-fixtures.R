# R's own exports of its datasets, for the CLI tests: write.csv (quoted header, an unnamed row-names
# column, a text column), write.csv2 (';' between fields, decimal commas) and a tab-separated table.
# Run from the repository root: Rscript scripts/make-cli-fixtures.R
write.csv(iris, "test/fixtures/cli/r-iris.csv")
write.csv2(faithful, "test/fixtures/cli/r-faithful-csv2.csv", row.names = FALSE)
write.table(faithful, "test/fixtures/cli/r-faithful.tsv", sep = "\t", row.names = FALSE, quote = FALSE)
