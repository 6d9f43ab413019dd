// session_edits.cpp — what the learner does to a running session: kick, knock, fork into twins, re-initialize
// dead units, load weights. Each records an event (narration.h) and a history state.
#include "core/session_impl.h"

namespace relulab::core {

// -----------------------------------------------------------------------------------------------------------
// [SECTION] Kick, knock, fork, re-initialize
// -----------------------------------------------------------------------------------------------------------

void SessionImpl::knock(const KnockCommand& command) {
  const int index = command.twin, unit = command.unit;
  if (index < 0 || index >= static_cast<int>(twins.size())) return;
  Twin& twin = at(twins, index);
  const LayerShape& layer = twin.net.layers.front();
  if (unit < 0 || unit >= layer.out) return;
  auto w = weight(twin.params, layer);
  const Scalar norm = w.row(unit).norm();
  Scalar max_wx = -std::numeric_limits<Scalar>::infinity();  // over the training set
  for (Eigen::Index j = 0; j < data.x_train.cols(); ++j) {
    max_wx = std::max(max_wx, w.row(unit).dot(data.x_train.col(j)));
  }
  // The new bias b and the margin it leaves: max over the training set of z = w.x + b equals -margin |w|.
  Scalar b = 0, margin = command.margin;
  if (!command.through.empty()) {
    const Eigen::Map<const Vector> point(command.through.data(), static_cast<Eigen::Index>(command.through.size()));
    if (point.size() != data.x_train.rows() || !point.allFinite() || !(norm > 0)) return;
    b = -w.row(unit).dot(point);
    margin = -(max_wx + b) / norm;
  } else {
    if (!std::isfinite(margin)) return;
    b = -margin * norm - max_wx;
  }
  if (!std::isfinite(b) || !std::isfinite(margin)) return;
  bias(twin.params, layer)(unit) = b;
  // A clean experiment: the knocked unit forgets its optimizer momentum.
  for (Vector* moment : {&twin.optimizer.moment1, &twin.optimizer.moment2}) {
    if (moment->size() == 0) continue;
    weight(*moment, layer).row(unit).setZero();
    bias(*moment, layer)(unit) = 0;
  }
  twin.gradient_cached = false;
  twin.weights_dirty = true;
  add_event(EventKind::Knock, index, 0, unit,
            narrate_knock(twins.size() > 1 ? "[" + twin.census.activation + "] " : "", unit, margin, step));
  refresh_or_diverge(index);
  record_history();
}

// A kick that killed nothing says so in its own sentence, naming the unit nearest to leaving the data and a
// stronger kick to try.
void SessionImpl::kick(Scalar factor, KickBatch batch) {
  const Scalar clamped = std::clamp(finite_or(factor, 1.0), 0.0, kMaxLearningRate);
  add_event(EventKind::Kick, -1, -1, -1, narrate_kick(clamped, batch, step + 1));
  const std::uint64_t before = events_recorded;
  train_step(clamped, batch, true);
  const std::uint64_t added = events_recorded - before;
  if (added >= events.size()) return;  // the kick's own event was trimmed away
  Event& kick_event = events[events.size() - 1 - static_cast<std::size_t>(added)];
  if (kick_event.kind != EventKind::Kick) return;
  for (std::size_t i = events.size() - static_cast<std::size_t>(added); i < events.size(); ++i)
    if (events[i].kind == EventKind::Death || events[i].kind == EventKind::Diverged) return;
  int best_twin = -1, best_layer = -1, best_unit = -1, best_count = 0;
  for (int t = 0; t < static_cast<int>(twins.size()); ++t) {
    const Twin& twin = at(twins, t);
    if (twin.census_dirty || twin.census.diverged) return;  // no fresh census (probes off): nothing to explain with
    for (int l = 0; l < static_cast<int>(twin.census.layers.size()); ++l) {
      const auto& units = at(twin.census.layers, l).units;
      for (int u = 0; u < static_cast<int>(units.size()); ++u) {
        const int k = at(units, u).active_count;
        if (k > 0 && (best_twin < 0 || k < best_count)) { best_twin = t; best_layer = l; best_unit = u; best_count = k; }
      }
    }
  }
  if (best_twin < 0) return;
  const std::string prefix = twins.size() > 1 ? "[" + at(twins, best_twin).census.activation + "] " : "";
  kick_event.text += narrate_kick_missed(prefix, best_layer, best_unit, best_count, data.x_train.cols(), clamped, batch);
}

int SessionImpl::topology_of_current() {
  std::vector<std::vector<Activation>> current;
  for (const Twin& twin : twins) current.push_back(twin.activations);
  auto same = [](const std::vector<std::vector<Activation>>& a, const std::vector<std::vector<Activation>>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t t = 0; t < a.size(); ++t) {
      if (a[t].size() != b[t].size()) return false;
      for (std::size_t l = 0; l < a[t].size(); ++l) {
        const Activation &x = a[t][l], &y = b[t][l];
        if (x.kind != y.kind || x.alpha != y.alpha || x.lower != y.lower || x.upper != y.upper) return false;
      }
    }
    return true;
  };
  for (std::size_t i = 0; i < topologies_.size(); ++i) {
    if (same(topologies_[i], current)) return static_cast<int>(i);
  }
  topologies_.push_back(std::move(current));
  return static_cast<int>(topologies_.size()) - 1;
}

void SessionImpl::fork(const std::vector<Activation>& activations) {
  if (activations.empty()) return;
  const std::size_t count = std::min(activations.size(), static_cast<std::size_t>(kMaxTwins));
  Twin& source = twins.front();
  std::vector<LayerWeights> layers, moment1, moment2;
  export_layers(source.net, source.params, layers);
  if (source.optimizer.moment1.size() > 0) export_layers(source.net, source.optimizer.moment1, moment1);
  if (source.optimizer.moment2.size() > 0) export_layers(source.net, source.optimizer.moment2, moment2);
  std::vector<Twin> forked;
  for (std::size_t t = 0; t < count; ++t) {
    const std::vector<Activation> per_layer(config.net.hidden.size(), activations[t]);
    Twin twin = make_twin(per_layer, static_cast<int>(t));
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) layers[l].activation = per_layer[l];
    import_layers(twin.net, layers, twin.params);
    // PReLU slopes start at the activation's alpha unless the source already learned them.
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
      const LayerShape& shape = twin.net.layers[l];
      if (shape.alpha >= 0 && source.net.layers[l].alpha < 0) {
        prelu_alpha(twin.params, shape).setConstant(shape.activation.alpha);
      }
    }
    auto copy_moment = [&](const std::vector<LayerWeights>& moment, Vector& target) {
      if (moment.empty() || target.size() == 0) return;
      std::vector<LayerWeights> copy = moment;
      for (std::size_t l = 0; l + 1 < copy.size(); ++l) {
        copy[l].activation = per_layer[l];
        if (twin.net.layers[l].alpha >= 0 && copy[l].prelu_alpha.size() == 0) {
          copy[l].prelu_alpha.setZero(twin.net.layers[l].out);
        }
      }
      import_layers(twin.net, copy, target);
    };
    copy_moment(moment1, twin.optimizer.moment1);
    copy_moment(moment2, twin.optimizer.moment2);
    twin.optimizer.adam_step = source.optimizer.adam_step;
    // The census history (died_at, revived_at, k) carries over: a unit that died before the fork can revive.
    for (std::size_t l = 0; l < twin.census.layers.size(); ++l) {
      for (std::size_t i = 0; i < twin.census.layers[l].units.size(); ++i) {
        const UnitCensus& from = source.census.layers[l].units[i];
        UnitCensus& to = twin.census.layers[l].units[i];
        to.active_count = from.active_count;
        to.died_at = from.died_at;
        to.revived_at = from.revived_at;
      }
    }
    twin.measured = source.measured;
    twin.census.diverged = source.census.diverged;
    twin.census.diverged_reason = source.census.diverged_reason;
    twin.timeline = source.timeline;
    twin.timeline_stride = source.timeline_stride;
    prepare_spares(twin);
    forked.push_back(std::move(twin));
  }
  twins = std::move(forked);
  std::string names;
  for (const Twin& twin : twins) names += (names.empty() ? "" : ", ") + twin.census.activation;
  add_event(EventKind::Fork, -1, -1, -1, narrate_fork(twins.size(), step, names));
  for (int t = 0; t < static_cast<int>(twins.size()); ++t) refresh_or_diverge(t);
  topology_ = topology_of_current();
  record_history();
}

int SessionImpl::reinit_dead() {
  int total = 0;
  for (int t = 0; t < static_cast<int>(twins.size()); ++t) {
    ensure_census(t);
    Twin& twin = at(twins, t);
    if (twin.census.diverged) continue;
    int count = 0;
    for (int l = 0; l < twin.net.hidden_count(); ++l) {
      const LayerShape& layer = at(twin.net.layers, l);
      auto w = weight(twin.params, layer);
      auto b = bias(twin.params, layer);
      for (int i = 0; i < layer.out; ++i) {
        if (at(at(twin.census.layers, l).units, i).active_count > 0) continue;
        init_unit(config.net.init, layer.in, layer.out, reinit_rng_, &w(i, 0), w.outerStride(), &b(i));
        if (config.net.bias) b(i) = *config.net.bias;
        for (Vector* moment : {&twin.optimizer.moment1, &twin.optimizer.moment2}) {
          if (moment->size() == 0) continue;
          weight(*moment, layer).row(i).setZero();
          bias(*moment, layer)(i) = 0;
        }
        ++count;
      }
    }
    if (count > 0) {
      twin.gradient_cached = false;
      twin.weights_dirty = true;
      refresh_or_diverge(t);
    }
    total += count;
  }
  add_event(EventKind::Reinit, -1, -1, -1, narrate_reinit(total, step));
  record_history();
  return total;
}

bool SessionImpl::set_weights(int index, const std::vector<LayerWeights>& layers, std::string* error) {
  auto fail = [&](const std::string& message) {
    if (error) *error = message;
    return false;
  };
  if (index < 0 || index >= static_cast<int>(twins.size())) return fail("no twin " + std::to_string(index));
  Twin& twin = at(twins, index);
  if (layers.size() != twin.net.layers.size()) {
    return fail("expected " + std::to_string(twin.net.layers.size()) + " layers, got " +
                std::to_string(layers.size()));
  }
  std::vector<Activation> activations;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const LayerShape& shape = twin.net.layers[l];
    const LayerWeights& layer = layers[l];
    if (layer.w.rows() != shape.out || layer.w.cols() != shape.in || layer.b.size() != shape.out) {
      return fail("layer " + std::to_string(l + 1) + ": expected w (" + std::to_string(shape.out) + ", " +
                  std::to_string(shape.in) + ") and b (" + std::to_string(shape.out) + ")");
    }
    if (!layer.w.allFinite() || !layer.b.allFinite() || !layer.prelu_alpha.allFinite()) {
      return fail("layer " + std::to_string(l + 1) + " has a non-finite value");
    }
    if (l + 1 < layers.size()) activations.push_back(layer.activation);
  }
  Twin replacement = make_twin(activations, index);
  import_layers(replacement.net, layers, replacement.params);
  replacement.timeline = std::move(twin.timeline);
  replacement.timeline_stride = twin.timeline_stride;
  prepare_spares(replacement);
  twin = std::move(replacement);
  refresh_or_diverge(index);
  topology_ = topology_of_current();
  record_history();
  return true;
}

}  // namespace relulab::core
