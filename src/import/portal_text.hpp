// Parsing the national portal's text (dichvucong.gov.vn): the channels with
// their time and fee, time units, fees, the document list with its cases and
// notes, the steps, the result and its national code, the agencies, the legal
// basis, the level and the applicant. Pure functions of text, no I/O: each is
// tested on real snippets (tests/import/test_portal_text.cpp). The rules they
// apply are documented in docs/import.md.
//
// One header and source per section in import/portal/; this one includes them all.
#pragma once

#include "import/portal/channels.hpp"
#include "import/portal/documents.hpp"
#include "import/portal/fees.hpp"
#include "import/portal/record_fields.hpp"
#include "import/portal/steps.hpp"
#include "import/portal/text.hpp"
#include "import/portal/time.hpp"
