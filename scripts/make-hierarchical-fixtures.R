# Reference results of mclust's model-based hierarchical clustering, for test/hierarchical.test.ts.
#
#   Rscript scripts/make-hierarchical-fixtures.R   (R >= 4.2, mclust 6.0.0, jsonlite)
#
# For each data set: the rows, the data hc() clusters after its default transform (hcUse "SVD"),
# the merge pairs of hc(modelName = "VVV"), the partitions hclass() cuts for K = 1..9, and the
# log-likelihood that mclust's EM (me, model VVV) reaches from each partition with K = 2..5 — what
# Mclust() does with its default start. Writes test/fixtures/mclust/hierarchical.json, and
# demo/data/faithful.csv.
suppressPackageStartupMessages({
  library(mclust)
  library(jsonlite)
})

stopifnot(mclust.options("hcUse") == "SVD", mclust.options("hcModelName") == "VVV")

# A synthetic set without repeated values: four 3-D Gaussians of different shapes, 300 rows.
set.seed(20261201)
synthetic <- rbind(
  MASS::mvrnorm(90, c(0, 0, 0), diag(c(1, 0.5, 0.3))),
  MASS::mvrnorm(80, c(4, 1, 0), matrix(c(1, 0.8, 0, 0.8, 1, 0, 0, 0, 0.2), 3)),
  MASS::mvrnorm(70, c(0, 5, 2), diag(c(0.2, 2, 1))),
  MASS::mvrnorm(60, c(5, 5, 5), diag(3, 3))
)

sets <- list(
  iris = as.matrix(iris[, 1:4]),
  faithful = as.matrix(datasets::faithful),
  synthetic = synthetic
)

describe <- function(name, X) {
  dimnames(X) <- NULL
  tree <- hc(X, modelName = "VVV", use = mclust.options("hcUse"))
  partitions <- hclass(tree, 1:9)
  fits <- lapply(2:5, function(k) {
    z <- unmap(partitions[, k])
    fit <- me(modelName = "VVV", data = X, z = z, control = emControl(tol = c(1e-10, sqrt(.Machine$double.eps)), itmax = c(10000, 10000)))
    list(components = k, loglik = fit$loglik, iterations = attr(fit, "info")[["iterations"]])
  })
  list(
    name = name,
    X = X,
    Z = unclass(attr(tree, "data")),
    merges = t(unclass(tree))[, 1:2],
    partitions = lapply(1:9, function(k) as.integer(partitions[, k])),
    fits = fits
  )
}

fixture <- list(
  mclust_version = as.character(packageVersion("mclust")),
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  sets = lapply(names(sets), function(name) describe(name, sets[[name]]))
)

dir.create("test/fixtures/mclust", showWarnings = FALSE, recursive = TRUE)
write_json(fixture, "test/fixtures/mclust/hierarchical.json", digits = NA, auto_unbox = TRUE, matrix = "rowmajor")
cat("wrote test/fixtures/mclust/hierarchical.json\n")

# Old Faithful for the demo and the benches (R's datasets::faithful, public domain).
write.csv(datasets::faithful, "demo/data/faithful.csv", row.names = FALSE)
cat("wrote demo/data/faithful.csv\n")
