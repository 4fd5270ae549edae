# Reference fixtures for gmm-wasm's fourteen covariance models, from R's mclust.
#
# Run from the repository root (R >= 4.2, mclust 6.0.0, jsonlite):
#
#     Rscript scripts/make-mclust-fixtures.R
#
# Writes test/fixtures/mclust/em.json. For each data set (Iris, four columns, G = 3; Old Faithful,
# G = 2) and each of mclust's fourteen models, the start is one M-step of the model from a fixed hard
# partition (Iris: the species; Old Faithful: eruptions > 3 minutes), so it has the model's
# structure. From it `em()` runs exactly T EM iterations (T in 1, 10: outer tol = 0).
#
# control "default": emControl(tol = 0, itmax = T), whose inner tolerance is 0 as well, for the
#   models whose M-step is closed-form. (With inner tol 0 the iterative M-steps may never stop: VEI's
#   and VEV's parameters cycle in the last bit, VEE's objective on Old Faithful too.)
# control "inner-default": outer tol 0, itmax T, and emControl()'s inner defaults (tol sqrt(eps),
#   no iteration limit), for the iterative models: what mclust gives out of the box.
# control "converged": a control list built by hand (emControl() refuses a negative tol): inner tol
#   -1 and 10000 inner iterations, so the iterative M-steps (VEI, VEV, VEE, EVE, VVE) reach their
#   fixed point to rounding.
# "prior": em() with prior = priorControl() (MAP-EM) from the same start, control "converged" for
#   the iterative models, for the models mclust offers a prior for (not VEE, EVE, VVE, EVV); with
#   the defaultPrior() values.
#
# Every run records the start, the parameters after T M-steps, mclust's log-likelihood (of the
# E-step after the last M-step) and its `info` attribute (iterations and last change). Numbers are written with 17 significant
# digits.
suppressPackageStartupMessages({
  library(mclust)
  library(jsonlite)
})

models <- c("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "VEE", "EVE", "VVE", "EEV", "VEV",
            "EVV", "VVV")
iterative <- c("VEI", "VEV", "VEE", "EVE", "VVE")
with_prior <- c("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "EEV", "VEV", "VVV")

datasets <- list(
  iris = list(X = as.matrix(iris[, 1:4]), labels = as.integer(iris$Species)),
  faithful = list(X = as.matrix(faithful), labels = ifelse(faithful$eruptions > 3, 2L, 1L))
)

converged_control <- function(T) {
  list(eps = .Machine$double.eps, tol = c(0, -1), itmax = c(as.integer(T), 10000L),
       equalPro = FALSE)
}

parameters_of <- function(parameters, d, G) {
  sigma <- parameters$variance$sigma
  if (is.null(sigma)) stop("no covariances in the result")
  list(
    weights = as.numeric(parameters$pro),
    means = lapply(seq_len(G), function(k) as.numeric(parameters$mean[, k])),
    covariances = lapply(seq_len(G), function(k) {
      m <- matrix(sigma[, , k], d, d)
      lapply(seq_len(d), function(i) as.numeric(m[i, ]))
    })
  )
}

runs <- list()
for (name in names(datasets)) {
  X <- datasets[[name]]$X
  dimnames(X) <- NULL
  z0 <- unmap(datasets[[name]]$labels)
  G <- ncol(z0)
  d <- ncol(X)
  for (model in models) {
    start <- mstep(X, model, z0, control = converged_control(1))$parameters
    controls <- list()
    if (!(model %in% iterative)) controls$default <- function(T) emControl(tol = 0, itmax = T)
    if (model %in% iterative) {
      controls$converged <- converged_control
      controls[["inner-default"]] <- function(T) emControl(tol = c(0, sqrt(.Machine$double.eps)), itmax = T)
    }
    for (control_name in names(controls)) {
      for (T in c(1L, 10L)) {
        message(name, " ", model, " ", control_name, " T=", T)
        fit <- em(X, model, start, control = controls[[control_name]](T))
        runs[[length(runs) + 1]] <- list(
          data = name, model = model, G = G, T = T, control = control_name, prior = FALSE,
          start = parameters_of(start, d, G),
          result = parameters_of(fit$parameters, d, G),
          loglik = fit$loglik, info = as.numeric(attr(fit, "info"))
        )
      }
    }
    if (model %in% with_prior) {
      prior <- priorControl()
      params <- defaultPrior(X, G, model)
      for (T in c(1L, 10L)) {
        control <- if (model %in% iterative) converged_control(T) else emControl(tol = 0, itmax = T)
        fit <- em(X, model, start, prior = prior, control = control)
        runs[[length(runs) + 1]] <- list(
          data = name, model = model, G = G, T = T, control = "prior", prior = TRUE,
          defaultPrior = list(shrinkage = params$shrinkage, mean = as.numeric(params$mean),
                              dof = params$dof,
                              scale = if (is.matrix(params$scale))
                                lapply(seq_len(d), function(i) as.numeric(params$scale[i, ]))
                              else as.numeric(params$scale)),
          start = parameters_of(start, d, G),
          result = parameters_of(fit$parameters, d, G),
          loglik = fit$loglik, info = as.numeric(attr(fit, "info"))
        )
      }
    }
  }
}

out <- list(
  mclust = as.character(packageVersion("mclust")),
  data = lapply(datasets, function(s) {
    X <- s$X
    lapply(seq_len(nrow(X)), function(i) as.numeric(X[i, ]))
  }),
  runs = runs
)
dir.create("test/fixtures/mclust", showWarnings = FALSE, recursive = TRUE)
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(17), null = "null"), "test/fixtures/mclust/em.json")
cat("wrote", length(runs), "runs\n")
