// The parts of a procedure: StepList, Step (fields, the applicant's effort,
// fee and place, context, edits) and Document (demanded or produced).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "core.hpp"
#include "util/text.hpp"

namespace redtape::python {

namespace {

using sh = step_handle;
using dh = document_handle;

/// StepList: the steps by position or by id.
void bind_step_list(py::class_<step_list>& steps) {
  steps.def("__len__", [](const step_list& l) { return l.owner->get().steps.size(); })
      .def(
          "__getitem__",
          [](const step_list& l, std::ptrdiff_t i) {
            const auto n = static_cast<std::ptrdiff_t>(l.owner->get().steps.size());
            if (i < 0) i += n;
            if (i < 0 || i >= n) throw py::index_error("step index out of range");
            return step_handle{l.owner, l.owner->get().steps[static_cast<std::size_t>(i)].id};
          },
          py::arg("index"))
      .def(
          "__getitem__", [](const step_list& l, const std::string& id) { return step_of(l.owner, id); },
          py::arg("id"), "The step at a position, or with an id.")
      .def("__contains__",
           [](const step_list& l, const std::string& id) { return l.owner->get().find_step(id) >= 0; })
      .def("__iter__",
           [](const step_list& l) {
             py::list out;
             for (const auto& s : l.owner->get().steps) out.append(py::cast(step_handle{l.owner, s.id}));
             return py::iter(out);
           })
      .def_property_readonly(
          "ids",
          [](const step_list& l) {
            std::vector<std::string> out;
            for (const auto& s : l.owner->get().steps) out.push_back(s.id);
            return out;
          },
          "The step ids, in order.")
      .def("__repr__", [](const step_list& l) {
        std::vector<std::string> ids;
        for (const auto& s : l.owner->get().steps) ids.push_back(s.id);
        return fmt::format("<StepList of {}: {}>", l.owner->get().id, fmt::join(ids, ", "));
      });
}

/// Step: id, name, actor, action, after.
void bind_step_fields(py::class_<step_handle>& step_class) {
  step_class.def_property_readonly("id", [](const sh& h) { return h.get().id; }, "The step id (unique in its procedure).")
      .def_property(
          "name", [](const sh& h) { return h.get().name; },
          [](const sh& h, const py::object& v) { h.edit().name = text_from(v); }, "Name (Text).")
      .def_property(
          "actor", [](const sh& h) { return h.get().actor; },
          [](const sh& h, const std::string& v) {
            if (v.empty()) throw invalid_argument_error("a step's actor cannot be empty");
            h.edit().actor = v;
          },
          "\"applicant\" or an agency id.")
      .def_property(
          "action", [](const sh& h) { return h.get().action; },
          [](const sh& h, const std::string& v) { h.edit().action = v; },
          "What the step does: submit, receive, check, verify, appraise, …")
      .def_property(
          "after", [](const sh& h) { return h.get().after; },
          [](const sh& h, const std::vector<std::string>& v) {
            step& s = h.edit();
            s.after = v;
            s.after_given = true;
            s.after_locations.clear();
          },
          "Ids of the steps this one comes after (checked when the procedure is used: a cycle "
          "raises ValidationError).");
}

/// Step: duration and the applicant's hours.
void bind_step_effort(py::class_<step_handle>& step_class) {
  step_class.def_property(
          "duration_days",
          [](const sh& h) -> std::optional<double> {
            const auto& d = h.get().duration_days;
            return d ? std::optional<double>(d->likely) : std::nullopt;
          },
          [](const sh& h, const py::object& v) {
            if (v.is_none()) {
              h.edit().duration_days.reset();
              return;
            }
            if (py::isinstance<py::sequence>(v) && !py::isinstance<py::str>(v)) {
              auto seq = py::reinterpret_borrow<py::sequence>(v);
              if (seq.size() != 3)
                throw invalid_argument_error("duration_days takes a number or [min, likely, max]");
              duration d{number_from(seq[0], "duration_days"), number_from(seq[1], "duration_days"),
                         number_from(seq[2], "duration_days")};
              if (!(d.min <= d.likely && d.likely <= d.max))
                throw invalid_argument_error("duration_days [min, likely, max] needs min ≤ likely ≤ max");
              h.edit().duration_days = d;
              return;
            }
            h.edit().duration_days = duration::exactly(number_from(v, "duration_days"));
          },
          "Elapsed working days (the likely value of a range; None when not given). Set a number, "
          "[min, likely, max] or None.")
      .def_property_readonly(
          "duration_range",
          [](const sh& h) -> std::optional<std::tuple<double, double, double>> {
            const auto& d = h.get().duration_days;
            if (!d) return std::nullopt;
            return std::make_tuple(d->min, d->likely, d->max);
          },
          "(min, likely, max) days, or None.")
      .def_property(
          "applicant_hours", [](const sh& h) { return h.get().applicant_hours.hours; },
          [](const sh& h, const py::object& v) {
            applicant_effort e;
            if (py::isinstance<py::dict>(v)) {
              static const std::vector<std::string> keys{"understand", "gather", "fill_in", "travel", "wait", "counter"};
              for (auto [k, x] : py::reinterpret_borrow<py::dict>(v)) {
                auto key = py::str(k).cast<std::string>();
                if (std::find(keys.begin(), keys.end(), key) == keys.end())
                  throw invalid_argument_error(
                      fmt::format("applicant_hours has no part `{}`; the parts are {}", key, fmt::join(keys, ", ")));
                const double hours = number_from(x, "applicant_hours");
                e.breakdown.emplace(key, hours);
                e.hours += hours;
              }
            } else {
              e.hours = number_from(v, "applicant_hours");
            }
            h.edit().applicant_hours = std::move(e);
          },
          "The applicant's own hours on this step. Set a number, or a breakdown dict "
          "{\"travel\": 1, \"wait\": 2, …}.")
      .def_property_readonly(
          "applicant_hours_breakdown", [](const sh& h) { return h.get().applicant_hours.breakdown; },
          "The UNCTAD eRegulations breakdown (understand, gather, fill_in, travel, wait, counter), if given.");
}

/// Step: fee, channel and where it happens.
void bind_step_fee_and_place(py::class_<step_handle>& step_class) {
  step_class.def_property(
          "fee",
          [](const sh& h) -> std::optional<double> {
            const auto& f = h.get().fee;
            return f ? f->amount : std::nullopt;
          },
          [](const sh& h, const py::object& v) {
            step& s = h.edit();
            if (v.is_none()) {
              s.fee.reset();
              return;
            }
            fee f;
            f.amount = number_from(v, "fee");
            if (s.fee) f.location = s.fee->location;
            s.fee = f;
          },
          "The fee in the catalog currency (None when there is none, or it is given only in words). "
          "Set a number, or None to remove it.")
      .def_property_readonly(
          "fee_text", [](const sh& h) { return h.get().fee ? h.get().fee->text : std::string(); },
          "The fee as the portal gave it in words (\"\" if none).")
      .def_property_readonly(
          "fee_currency", [](const sh& h) { return h.get().fee ? h.get().fee->currency : std::string(); },
          "The fee's currency when it is not the catalog's (\"\" otherwise).")
      .def_property(
          "channel", [](const sh& h) { return std::string(to_string(h.get().channel)); },
          [](const sh& h, const std::string& v) {
            auto c = parse_channel(v);
            if (!c)
              throw invalid_argument_error(
                  fmt::format("no channel `{}`; one of: in_person, online, post, any", v));
            h.edit().channel = *c;
          },
          "in_person, online, post, any (or unspecified).")
      .def_property(
          "location", [](const sh& h) { return h.get().location_kind; },
          [](const sh& h, const std::string& v) { h.edit().location_kind = v; },
          "Where the step happens, e.g. one_stop_centre, agency (the YAML `location:`). "
          "Where it was *written* is `source`.");
}

/// Step: documents, legal basis, note, who does it, where it was written.
void bind_step_context(py::class_<step_handle>& step_class) {
  step_class.def_property_readonly(
          "requires",
          [](const sh& h) {
            py::list out;
            for (std::size_t i = 0; i < h.get().requires_docs.size(); ++i) out.append(py::cast(document_handle{h, false, i}));
            return out;
          },
          "Documents demanded (Document list).")
      .def_property_readonly(
          "produces",
          [](const sh& h) {
            py::list out;
            for (std::size_t i = 0; i < h.get().produces_docs.size(); ++i) out.append(py::cast(document_handle{h, true, i}));
            return out;
          },
          "Documents produced (Document list).")
      .def_property(
          "legal_basis", [](const sh& h) { return h.get().legal_basis; },
          [](const sh& h, const std::vector<std::string>& v) { h.edit().legal_basis = v; }, "Legal basis (list of str).")
      .def_property(
          "note", [](const sh& h) { return h.get().note; }, [](const sh& h, const std::string& v) { h.edit().note = v; },
          "Free-text note.")
      .def_property_readonly("by_applicant", [](const sh& h) { return h.get().by_applicant(); },
                             "True when the applicant does this step.")
      .def_property_readonly(
          "source", [](const sh& h) { return location_of(*h.owner->context, h.get().location); },
          "Where it was written (Location).")
      .def_property_readonly(
          "procedure", [](const sh& h) { return h.owner; }, "The procedure it belongs to.");
}

/// Step: dropping a demand, removing the step.
void bind_step_edits(py::class_<step_handle>& step_class) {
  step_class.def(
          "drop_requirement",
          [](const sh& h, const py::object& which) {
            step& s = h.edit();
            auto& list = s.requires_docs;
            if (py::isinstance<py::int_>(which)) {
              auto i = which.cast<std::ptrdiff_t>();
              if (i < 0) i += static_cast<std::ptrdiff_t>(list.size());
              if (i < 0 || i >= static_cast<std::ptrdiff_t>(list.size()))
                throw not_found_error(fmt::format("step `{}` demands no document at position {}", s.id, which.cast<std::ptrdiff_t>()));
              list.erase(list.begin() + i);
              return;
            }
            const auto name = which.cast<std::string>();
            auto it = std::find_if(list.begin(), list.end(), [&](const document_demand& d) {
              return d.ref == name || d.name == name;
            });
            if (it == list.end()) {
              std::vector<std::string> labels;
              for (const auto& d : list) labels.push_back(d.label());
              throw not_found_error(
                  fmt::format("step `{}` demands no document `{}`{}", s.id, name, did_you_mean(name, labels)));
            }
            list.erase(it);
          },
          py::arg("which"),
          "Stop demanding a document: by position, or by registry id or inline name (the first match).")
      .def(
          "remove",
          [](const sh& h) {
            suggestion change;
            change.kind = suggestion_kind::eliminate_step;
            change.steps = {h.get().id};
            procedure& p = h.owner->edit();
            p = apply_suggestion(p, change);
          },
          "Remove this step from its procedure (see Procedure.remove_step).");
}

/// Step: repr, identity, hashing, pickling.
void bind_step_protocol(py::class_<step_handle>& step_class) {
  step_class.def("__repr__",
           [](const sh& h) {
             const procedure& p = h.owner->get();
             auto i = p.find_step(h.id);
             if (i < 0) return fmt::format("<Step {} (removed from {})>", h.id, p.id);
             const step& s = p.steps[static_cast<std::size_t>(i)];
             std::string out = fmt::format("<Step {}: {} {}", s.id, s.actor, s.action);
             if (s.duration_days) out += ", " + duration_text(*s.duration_days);
             if (s.fee && s.fee->amount) out += fmt::format(", fee {:g}", *s.fee->amount);
             if (s.channel != channel::unspecified) out += fmt::format(", {}", to_string(s.channel));
             return out + ">";
           })
      // The same step of the same procedure object (views of one catalog share it).
      .def("__eq__", [](const sh& a, const sh& b) { return a.owner->view == b.owner->view && a.id == b.id; })
      .def("__hash__",
           [](const sh& h) { return py::hash(py::make_tuple(reinterpret_cast<std::uintptr_t>(h.owner->view.get()), h.id)); })
      .def(py::pickle([](const sh& h) { return py::make_tuple(h.owner, h.id); },
                      [](const py::tuple& t) {
                        return step_handle{t[0].cast<std::shared_ptr<procedure_state>>(), t[1].cast<std::string>()};
                      }));
}

/// Document: what a step demands or produces.
void bind_document_fields(py::class_<document_handle>& doc) {
  doc.def_property_readonly("ref", [](const dh& h) { return h.get().ref; }, "Registry id (\"\" for an inline document).")
      .def_property_readonly("name", [](const dh& h) { return h.get().name; }, "Inline name (or a label beside `ref`).")
      .def_property_readonly("label", [](const dh& h) { return h.get().label(); }, "What to show: the inline name, else the ref.")
      .def_property_readonly(
          "title",
          [](const dh& h) {
            const document_demand& d = h.get();
            if (!d.ref.empty())
              if (const document* r = h.owner.owner->context->find_document(d.ref)) return r->name;
            return localized_text{d.label(), {}};
          },
          "The document's name (Text): the registry's, else the inline name.")
      .def_property(
          "form",
          [](const dh& h) -> std::optional<std::string> {
            const auto& f = h.get().form;
            return f ? std::optional<std::string>(to_string(*f)) : std::nullopt;
          },
          [](const dh& h, const std::optional<std::string>& v) {
            if (!v)
              h.edit().form.reset();
            else
              h.edit().form = form_from(*v);
          },
          "original, copy, certified_copy, electronic, declaration (None: not stated).")
      .def_property_readonly(
          "effective_form", [](const dh& h) { return std::string(to_string(h.get().effective_form())); },
          "The form that applies (the stated one, else original).")
      .def_property(
          "copies", [](const dh& h) { return h.get().copies; },
          [](const dh& h, std::uint32_t n) {
            if (n == 0) throw invalid_argument_error("copies is at least 1 (drop the demand instead)");
            h.edit().copies = n;
          },
          "Number of copies.")
      .def_property_readonly("note", [](const dh& h) { return h.get().note; }, "Free-text note.")
      .def_property_readonly(
          "issued_by", [](const dh& h) { return h.get().issued_by; },
          "Who issued the paper, where the record says so: an agency id, \"applicant\", or \"\".")
      .def_property_readonly("kind", [](const dh& h) { return h.produced ? "produces" : "requires"; },
                             "\"requires\" (demanded) or \"produces\".")
      .def_property_readonly("index", [](const dh& h) { return h.index; }, "Position in the step's list.")
      .def_property_readonly("step", [](const dh& h) { return h.owner; }, "The step (Step).")
      .def_property_readonly(
          "registry",
          [](const dh& h) -> std::optional<document> {
            const document_demand& d = h.get();
            if (d.ref.empty()) return std::nullopt;
            const document* r = h.owner.owner->context->find_document(d.ref);
            return r ? std::optional<document>(*r) : std::nullopt;
          },
          "The registry entry (RegistryDocument) that `ref` names, or None.")
      .def_property_readonly(
          "source", [](const dh& h) { return location_of(*h.owner.owner->context, h.get().location); },
          "Where it was written (Location).");
}

/// Document: removing it, repr, pickling.
void bind_document_protocol(py::class_<document_handle>& doc) {
  doc.def(
          "remove",
          [](const dh& h) {
            step& s = h.owner.edit();
            auto& list = h.produced ? s.produces_docs : s.requires_docs;
            if (h.index >= list.size())
              throw not_found_error(fmt::format("step `{}` no longer has a document at position {}", s.id, h.index));
            list.erase(list.begin() + static_cast<std::ptrdiff_t>(h.index));
          },
          "Remove this demand from its step (the later documents of the step move up one position).")
      .def("__repr__",
           [](const dh& h) {
             const document_demand& d = h.get();
             std::string out = fmt::format("<Document {} of step {}: {}", h.produced ? "produced" : "required",
                                           h.owner.id, d.label());
             if (d.form) out += fmt::format(" ({})", to_string(*d.form));
             if (d.copies != 1) out += fmt::format(" ×{}", d.copies);
             return out + ">";
           })
      .def(py::pickle([](const dh& h) { return py::make_tuple(h.owner, h.produced, h.index); },
                      [](const py::tuple& t) {
                        return document_handle{t[0].cast<step_handle>(), t[1].cast<bool>(), t[2].cast<std::size_t>()};
                      }));
}

}  // namespace

void bind_steps(py::class_<step_list>& steps, py::class_<step_handle>& step_class,
                py::class_<document_handle>& doc) {
  bind_step_list(steps);
  bind_step_fields(step_class);
  bind_step_effort(step_class);
  bind_step_fee_and_place(step_class);
  bind_step_context(step_class);
  bind_step_edits(step_class);
  bind_step_protocol(step_class);
  bind_document_fields(doc);
  bind_document_protocol(doc);
}

}  // namespace redtape::python
