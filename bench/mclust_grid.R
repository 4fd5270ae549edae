# The other half of `npm run bench:mclust` (and of `npm run bench`'s model-selection row): times
# mclust's Mclust() over the 14-model grid, or over the models named in MODELS.
# Usage: Rscript bench/mclust_grid.R data.csv G_MAX REPETITIONS [MODELS, e.g. VII,VVI,EEE,VVV]
# Prints one line per repetition: "seconds <wall-clock seconds> cpu <user + system seconds>", then
# the best model.
suppressPackageStartupMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
X <- as.matrix(read.csv(args[1], header = FALSE))
G <- seq_len(as.integer(args[2]))
models <- if (length(args) >= 4) strsplit(args[4], ",")[[1]] else NULL
for (r in seq_len(as.integer(args[3]))) {
  started <- proc.time()
  fit <- Mclust(X, G = G, modelNames = models, verbose = FALSE)
  used <- proc.time() - started
  cat("seconds", used[["elapsed"]], "cpu", used[["user.self"]] + used[["sys.self"]], "\n")
}
cat("best", fit$modelName, fit$G, fit$bic, "\n")
