# mclust's choices over all fourteen models, and its BIC with the conjugate prior, for
# test/mclust-all.test.ts.
#
# Run from the repository root with R, mclust and jsonlite (Debian: r-base-core r-cran-mclust
# r-cran-jsonlite):
#
#     Rscript scripts/make-mclust-all.R
#
# Reads demo/data/iris.csv (four measurements) and R's datasets::faithful (the rows of
# demo/data/faithful.csv) and writes test/fixtures/mclust/all-models.json: for each,
#   "all":   Mclust(X) with its defaults (G = 1..9, the fourteen models): the chosen model and G and
#            mclust's BIC table;
#   "prior": mclustBIC(X, prior = priorControl()) (G = 1..9, the ten models with a prior): the table
#            and its best model and G.
# BIC values keep mclust's sign (2 loglik - p log n, higher is better; gmm-wasm's is its negative);
# NA (a fit mclust could not compute) is written as null.

suppressPackageStartupMessages({
  library(mclust)
  library(jsonlite)
})

bic_table <- function(bic) {
  lapply(colnames(bic), function(model) {
    list(model = model, bic = lapply(seq_len(nrow(bic)), function(g) {
      value <- unname(bic[g, model])
      if (is.na(value)) NULL else value
    }))
  })
}

best_of <- function(bic) {
  best <- strsplit(names(summary(bic))[1], ",")[[1]]
  list(model = best[1], G = as.integer(best[2]), bic = unname(max(bic, na.rm = TRUE)))
}

describe <- function(X) {
  dimnames(X) <- NULL
  fit <- Mclust(X, verbose = FALSE)
  with_prior <- mclustBIC(X, prior = priorControl(), verbose = FALSE)
  list(
    rows = nrow(X), features = ncol(X),
    all = list(best = list(model = fit$modelName, G = fit$G, bic = fit$bic), table = bic_table(fit$BIC)),
    prior = list(best = best_of(with_prior), table = bic_table(with_prior))
  )
}

out <- list(
  mclust = as.character(packageVersion("mclust")),
  iris = describe(as.matrix(read.csv("demo/data/iris.csv")[, 1:4])),
  faithful = describe(as.matrix(datasets::faithful))
)
dir.create("test/fixtures/mclust", showWarnings = FALSE, recursive = TRUE)
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(17), null = "null", pretty = TRUE),
           "test/fixtures/mclust/all-models.json")
cat("iris:", out$iris$all$best$model, out$iris$all$best$G,
    "prior:", out$iris$prior$best$model, out$iris$prior$best$G, "\n")
cat("faithful:", out$faithful$all$best$model, out$faithful$all$best$G,
    "prior:", out$faithful$prior$best$model, out$faithful$prior$best$G, "\n")
