// redtape: find redundant steps and duplicate document demands in
// administrative procedures, and estimate what cutting them saves.
#pragma once

#include "redtape/error.hpp"
#include "redtape/analysis.hpp"
#include "redtape/audit.hpp"
#include "redtape/documents.hpp"
#include "redtape/findings.hpp"
#include "redtape/graph.hpp"
#include "redtape/import.hpp"
#include "redtape/load.hpp"
#include "redtape/log.hpp"
#include "redtape/model.hpp"
#include "redtape/report.hpp"
#include "redtape/rules.hpp"
#include "redtape/savings.hpp"
#include "redtape/version.hpp"
