# The other half of `npm run bench:mclust`: times mclust's Mclust() over the 14-model grid.
# Usage: Rscript bench/mclust_grid.R data.csv G_MAX REPETITIONS
# Prints one line per repetition: "seconds <wall-clock seconds> cpu <user + system seconds>", then
# the best model.
suppressPackageStartupMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
X <- as.matrix(read.csv(args[1], header = FALSE))
G <- seq_len(as.integer(args[2]))
for (r in seq_len(as.integer(args[3]))) {
  started <- proc.time()
  fit <- Mclust(X, G = G, verbose = FALSE)
  used <- proc.time() - started
  cat("seconds", used[["elapsed"]], "cpu", used[["user.self"]] + used[["sys.self"]], "\n")
}
cat("best", fit$modelName, fit$G, fit$bic, "\n")
