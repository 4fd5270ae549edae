# mclust's model choice on the data sets gmm-wasm ships, for test/selection-iris.test.ts and
# test/selection-faithful.test.ts.
#
# Run from the repository root with R, mclust and jsonlite (Debian: r-base-core r-cran-mclust
# r-cran-jsonlite):
#
#     Rscript scripts/make-mclust-selection.R
#
# Reads demo/data/iris.csv and R's datasets::faithful (the rows of demo/data/faithful.csv, which
# scripts/make-hierarchical-fixtures.R writes) and writes test/fixtures/mclust/model-choice.json: for
# raw Iris and Old Faithful, mclust's BIC for G = 1..6 and the models that match gmm-wasm's four covariance types (VVV = full,
# EEE = tied, VVI = diag, VII = spherical), with gmm-wasm's sign (lower is better: mclust reports
# 2 loglik - p log n, gmm-wasm -2 loglik + p log n), and the ICL of mclust's best model.

library(mclust)
library(jsonlite)

types <- c(full = "VVV", tied = "EEE", diag = "VVI", spherical = "VII")
choice <- function(X) {
  bic <- mclustBIC(X, G = 1:6, modelNames = unname(types), verbose = FALSE)
  best <- strsplit(names(summary(bic))[1], ",")[[1]]
  model <- Mclust(X, x = bic, G = as.integer(best[2]), modelNames = best[1], verbose = FALSE)
  rows <- do.call(rbind, lapply(names(types), function(type) {
    data.frame(components = 1:6, covariance = type, bic = -unname(bic[, types[[type]]]))
  }))
  list(
    rows = nrow(X), features = ncol(X),
    best = list(components = as.integer(best[2]), covariance = names(types)[types == best[1]],
                bic = -model$bic, icl = -icl(model)),
    table = rows
  )
}

iris4 <- read.csv("demo/data/iris.csv")[, 1:4]
out <- list(
  mclust_version = as.character(packageVersion("mclust")),
  iris = choice(iris4),
  faithful = choice(datasets::faithful)
)
dir.create("test/fixtures/mclust", showWarnings = FALSE, recursive = TRUE)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "test/fixtures/mclust/model-choice.json")
