// exports.cpp — the files the learner can save: census CSV, weights JSON, data CSV (and the PNG's name;
// its pixels are the platform's). Reads the session only.
#include "app/app.h"

#include <string>

#include "core/datasets.h"
#include "core/json_value.h"
#include "core/weights_json.h"

namespace relulab::app {

std::string App::export_text(core::ExportKind kind) const {
  switch (kind) {
    case core::ExportKind::Weights: {
      // one JSON document per twin, as a JSON array (twin 0 first)
      std::string out = "[";
      for (int t = 0; t < session_.twin_count(); ++t)
        out += (t ? "," : "") + core::weights_to_json(session_.weights(t), session_.output());
      return out + "]";
    }
    case core::ExportKind::Data: return core::dataset_to_csv(session_.data());
    case core::ExportKind::Census: {
      std::string out = "step,twin,activation,train_loss";
      const size_t layers = session_.census(0).layers.size();
      for (size_t l = 0; l < layers; ++l) out += ",dead_fraction_layer" + std::to_string(l + 1);
      out += '\n';
      for (int t = 0; t < session_.twin_count(); ++t) {
        const std::string& activation = session_.census(t).activation;
        for (const core::TimelinePoint& p : session_.timeline(t)) {
          out += std::to_string(p.step) + ',' + std::to_string(t) + ',' + activation + ',';
          core::append_json_number(out, p.train_loss);
          for (core::Scalar d : p.dead_fraction) {
            out += ',';
            core::append_json_number(out, d);
          }
          out += '\n';
        }
      }
      return out;
    }
    case core::ExportKind::Png: break;
  }
  return {};
}

bool App::take_export(core::ExportKind* kind, std::string* filename, std::string* text) {
  if (!export_requested_) return false;
  *kind = *export_requested_;
  export_requested_.reset();
  const std::string stem = "relulab-" + (lesson_ ? lesson_->id + "-" : std::string()) + "step" + std::to_string(session_.step_count());
  switch (*kind) {
    case core::ExportKind::Png: *filename = stem + ".png"; break;
    case core::ExportKind::Census: *filename = stem + "-census.csv"; break;
    case core::ExportKind::Weights: *filename = stem + "-weights.json"; break;
    case core::ExportKind::Data: *filename = stem + "-data.csv"; break;
  }
  *text = export_text(*kind);
  return true;
}

}  // namespace relulab::app
