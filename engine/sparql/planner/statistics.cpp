#include "sparql/planner/statistics.hpp"

#include <algorithm>

namespace kennis::sparql::planner {

double Statistics::count(rdf::TermId s, rdf::TermId p, rdf::TermId o,
                         const std::vector<rdf::TermId>& graphs) const {
  double n = 0;
  for (rdf::TermId g : graphs) n += static_cast<double>(store_.count(store::Pattern{s, p, o, g}));
  return n;
}

void Statistics::refresh() {
  if (computed_for_ == store_.size()) return;
  computed_for_ = store_.size();
  predicates_.clear();
  subjects_ = 0;
  objects_ = 0;
  for (rdf::TermId g : store_.graphs()) {
    // SPO order: distinct subjects overall and per predicate.
    rdf::TermId last_s = rdf::kNoTerm;
    std::vector<rdf::TermId> seen;  // predicates of the current subject
    store_.for_each(store::Pattern{rdf::kNoTerm, rdf::kNoTerm, rdf::kNoTerm, g},
                    [&](const store::Quad& q) {
                      if (q.s != last_s) {
                        last_s = q.s;
                        seen.clear();
                        subjects_ += 1;
                      }
                      auto& ps = predicates_[q.p];
                      ps.triples += 1;
                      if (std::find(seen.begin(), seen.end(), q.p) == seen.end()) {
                        seen.push_back(q.p);
                        ps.subjects += 1;
                      }
                    });
  }
  // POS order per predicate: distinct objects.
  for (auto& [p, ps] : predicates_) {
    for (rdf::TermId g : store_.graphs()) {
      rdf::TermId last_o = rdf::kNoTerm;
      store_.for_each(store::Pattern{rdf::kNoTerm, p, rdf::kNoTerm, g}, [&](const store::Quad& q) {
        if (q.o != last_o) {
          last_o = q.o;
          ps.objects += 1;
        }
      });
    }
    objects_ += ps.objects;
  }
}

const PredicateStats* Statistics::predicate(rdf::TermId p) {
  refresh();
  auto it = predicates_.find(p);
  return it == predicates_.end() ? nullptr : &it->second;
}

double Statistics::subjects() {
  refresh();
  return std::max(1.0, subjects_);
}

double Statistics::objects() {
  refresh();
  return std::max(1.0, objects_);
}

double Statistics::predicates() {
  refresh();
  return std::max<double>(1.0, static_cast<double>(predicates_.size()));
}

}  // namespace kennis::sparql::planner
