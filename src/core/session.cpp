// session.cpp — the training loop around the network: construction (clamping the config), batches, the
// census after every step, death/revival events, the timeline, non-finite detection, and the public face.
// Kick/knock/fork/reinit are session_edits.cpp, the rewind history session_history.cpp, the twin's data
// twin.h, event sentences narration.cpp. After construction a step allocates no heap memory.
#include "core/session_impl.h"

#include "core/data_library.h"
#include "core/fields.h"

namespace relulab::core {

SessionImpl::SessionImpl(const SessionConfig& requested) : config(requested) {
  // Clamp every field into range (check_config reports the same problems as text).
  config.data = sanitized(requested.data);
  NetConfig& net = config.net;
  if (net.hidden.empty()) net.hidden = {6};
  if (net.hidden.size() > static_cast<std::size_t>(kMaxHiddenLayers)) net.hidden.resize(kMaxHiddenLayers);
  for (int& width : net.hidden) width = std::clamp(width, 1, kMaxLayerWidth);
  if (net.bias && !std::isfinite(*net.bias)) net.bias.reset();
  TrainConfig& train = config.train;
  train.lr = std::clamp(finite_or(train.lr, 0.5), 0.0, kMaxLearningRate);
  train.momentum = std::clamp(finite_or(train.momentum, 0.9), 0.0, 0.9999);
  train.beta1 = std::clamp(finite_or(train.beta1, 0.9), 0.0, 0.9999);
  train.beta2 = std::clamp(finite_or(train.beta2, 0.999), 0.0, 0.999999);
  train.epsilon = std::clamp(finite_or(train.epsilon, 1e-8), 1e-300, 1.0);
  train.weight_decay = std::clamp(finite_or(train.weight_decay, 0.0), 0.0, kMaxWeightDecay);
  train.clip_norm = std::clamp(finite_or(train.clip_norm, 0.0), 0.0, 1e12);
  train.batch_size = std::max(0, train.batch_size);
  config.history_every = std::max(1, config.history_every);
  config.history_bytes = std::min<std::size_t>(config.history_bytes, kMaxHistoryBytes);

  std::string error;
  auto made = make_dataset(config.data, config.seed, &error);  // cannot fail on a sanitized config
  data = made ? std::move(*made) : *make_dataset(DataConfig{}, config.seed, &error);
  output = net.output.value_or(default_output(data));
  if (!data.classification) output = OutputKind::LinearMSE;
  if (data.classification && output == OutputKind::SoftmaxCE) data.classes = std::max(data.classes, 2);
  if (train.batch_size >= data.x_train.cols()) train.batch_size = 0;

  const Eigen::Index d = data.x_train.rows();
  const Eigen::Index batch = batch_capacity();
  x_batch_.setZero(d, batch);
  y_batch_.setZero(1, batch);
  y_outlier_.setZero(1, batch);
  order_.resize(static_cast<std::size_t>(data.x_train.cols()));
  reinit_rng_ = make_rng(config.seed, kStreamReinit);

  std::vector<Activation> activations(net.hidden.size(), Activation{});
  for (std::size_t l = 0; l < activations.size() && !net.activations.empty(); ++l) {
    activations[l] = net.activations[std::min(l, net.activations.size() - 1)];
  }
  twins.push_back(make_twin(activations, 0));
  init_params(twins[0]);
  topologies_.push_back({activations});

  history = HistoryRing(config.history_bytes);
  refresh_or_diverge(0);
  add_timeline_point(twins[0]);
  record_history();
}

Eigen::Index SessionImpl::batch_capacity() const {
  return config.train.batch_size > 0 ? config.train.batch_size : data.x_train.cols();
}

Twin SessionImpl::make_twin(const std::vector<Activation>& activations, int index) const {
  Twin twin;
  twin.activations = activations;
  const int outputs = output == OutputKind::SoftmaxCE ? data.classes : 1;
  twin.net = make_network(static_cast<int>(data.x_train.rows()), config.net.hidden, activations, outputs, output);
  const Eigen::Index p = twin.net.param_count;
  twin.params.setZero(p);
  twin.grads.setZero(p);
  twin.backup.setZero(p);
  twin.decay_mask.setZero(p);
  for (const LayerShape& layer : twin.net.layers) weight(twin.decay_mask, layer).setOnes();
  reset_optimizer(config.train.optimizer, p, twin.optimizer);
  const Eigen::Index capacity = std::max({data.x_train.cols(), data.x_test.cols(), batch_capacity()});
  resize_workspace(twin.net, capacity, twin.ws);
  twin.rrelu_rng = make_rng(config.seed, kStreamRRelu + (static_cast<std::uint64_t>(index) << 8) +
                                             (static_cast<std::uint64_t>(step) << 16));
  twin.has_rrelu = std::any_of(activations.begin(), activations.end(),
                               [](const Activation& a) { return a.kind == ActivationKind::RReLU; });
  twin.census.activation = activations_label(activations);
  twin.census.layers.resize(activations.size());
  for (std::size_t l = 0; l < activations.size(); ++l) {
    twin.census.layers[l].units.resize(static_cast<std::size_t>(twin.net.layers[l].out));
  }
  std::size_t unit_count = 0;
  for (const LayerCensus& layer : twin.census.layers) unit_count += layer.units.size();
  twin.transitions.reserve(unit_count);
  twin.timeline.reserve(kTimelineCapacity);
  prepare_spares(twin);
  return twin;
}

// The timeline recycles its points' buffers, so that recording never allocates once the pool exists.
void SessionImpl::prepare_spares(Twin& twin) const {
  twin.spare_points.reserve(kTimelineCapacity);
  twin.spare_points.resize(kTimelineCapacity - std::min(kTimelineCapacity, twin.timeline.size()));
  for (auto& spare : twin.spare_points) spare.reserve(config.net.hidden.size());
}

void SessionImpl::init_params(Twin& twin) {
  Rng rng = make_rng(config.seed, kStreamInit);
  const int hidden = twin.net.hidden_count();
  for (int l = 0; l <= hidden; ++l) {
    const LayerShape& layer = at(twin.net.layers, l);
    init_layer(config.net.init, rng, weight(twin.params, layer), bias(twin.params, layer));
    if (l < hidden && config.net.bias) bias(twin.params, layer).setConstant(*config.net.bias);
    if (layer.alpha >= 0) prelu_alpha(twin.params, layer).setConstant(layer.activation.alpha);
  }
  twin.gradient_cached = false;
  twin.census_dirty = true;
  twin.weights_dirty = true;
}

// Selects the next batch of the shared sequence into x_batch_/y_batch_ (count columns), or the full set.
void SessionImpl::next_batch(Eigen::Index& count, bool& full) {
  const Eigen::Index n = data.x_train.cols();
  full = config.train.batch_size == 0;
  if (full) {
    count = n;
    return;
  }
  if (order_epoch_ != epoch_) {
    for (Eigen::Index i = 0; i < n; ++i) order_[static_cast<std::size_t>(i)] = i;
    Rng rng = make_rng(config.seed, kStreamShuffle + (static_cast<std::uint64_t>(epoch_) << 8));
    for (std::size_t i = order_.size() - 1; i > 0; --i) {
      std::swap(order_[i], order_[static_cast<std::size_t>(uniform_index(rng, i + 1))]);
    }
    order_epoch_ = epoch_;
  }
  count = std::min<Eigen::Index>(config.train.batch_size, n - cursor_);
  for (Eigen::Index j = 0; j < count; ++j) {
    const Eigen::Index source = order_[static_cast<std::size_t>(cursor_ + j)];
    x_batch_.col(j) = data.x_train.col(source);
    y_batch_(0, j) = data.y_train(0, source);
  }
  cursor_ += count;
  if (cursor_ >= n) {
    cursor_ = 0;
    ++epoch_;
  }
}

void SessionImpl::add_event(EventKind kind, int twin, int layer, int unit, std::string text) {
  if (events.size() >= kMaxEvents) events.erase(events.begin(), events.begin() + (kMaxEvents / 10));
  const std::int64_t at = kind == EventKind::Kick ? step + 1 : step;  // a kick belongs to the step it takes
  events.push_back(Event{at, kind, twin, layer, unit, std::move(text)});
  ++events_recorded;
}

void SessionImpl::diverge(int index, const std::string& what, Scalar lr_factor, bool kicked) {
  Twin& twin = at(twins, index);
  if (twin.census.diverged) return;
  twin.census.diverged = true;
  twin.census.diverged_reason =
      "non-finite " + what + " at step " + std::to_string(step) +
      (kicked ? " after a kick x" + format_number(lr_factor)
              : " (learning rate " + format_number(config.train.lr * lr_factor) + ")");
  const std::string prefix = twins.size() > 1 ? "[" + twin.census.activation + "] " : "";
  add_event(EventKind::Diverged, index, -1, -1, narrate_divergence(prefix, twin.census.diverged_reason));
}

void SessionImpl::train_step(Scalar lr_factor, KickBatch batch, bool kicked) {
  Eigen::Index count = 0;
  bool full = false;
  next_batch(count, full);
  const bool outlier = batch == KickBatch::Outlier;
  const Eigen::Ref<const Matrix> x = full ? Eigen::Ref<const Matrix>(data.x_train)
                                          : Eigen::Ref<const Matrix>(x_batch_.leftCols(count));
  const Matrix& y_source = full ? data.y_train : y_batch_;
  if (outlier) {
    // The outlier batch: the same inputs with wrong targets (regression: + 10; classification: flipped).
    if (y_outlier_.cols() < count) y_outlier_.resize(1, count);
    for (Eigen::Index j = 0; j < count; ++j) {
      const Scalar label = y_source(0, j);
      y_outlier_(0, j) = !data.classification ? label + kOutlierShift
                         : data.classes > 2
                             ? static_cast<Scalar>((std::lround(label) + 1) % data.classes)
                             : 1.0 - label;
    }
  }
  const Eigen::Ref<const Matrix> y = outlier ? Eigen::Ref<const Matrix>(y_outlier_.leftCols(count))
                                             : Eigen::Ref<const Matrix>(y_source.leftCols(count));
  ++step;
  const Scalar lr = config.train.lr * lr_factor;
  for (int t = 0; t < static_cast<int>(twins.size()); ++t) {
    Twin& twin = at(twins, t);
    if (twin.census.diverged) continue;
    Scalar loss = 0;
    if (full && !outlier && !twin.has_rrelu && twin.gradient_cached) {
      loss = twin.census.train_loss;  // the census already ran this very pass
    } else {
      loss = loss_and_gradient(twin.net, twin.params, x, y, Pass::Train, &twin.rrelu_rng, twin.ws, twin.grads);
    }
    twin.gradient_cached = false;
    twin.census_dirty = true;
    twin.weights_dirty = true;
    if (!std::isfinite(loss)) {
      diverge(t, "loss", lr_factor, kicked);
      continue;
    }
    if (!twin.grads.allFinite()) {
      diverge(t, "gradient", lr_factor, kicked);
      continue;
    }
    twin.backup.noalias() = twin.params;
    optimizer_step(config.train, lr, twin.decay_mask, twin.grads, twin.params, twin.optimizer);
    if (!twin.params.allFinite()) {
      twin.params.noalias() = twin.backup;  // keep the last finite weights on screen
      diverge(t, "weights", lr_factor, kicked);
    }
  }
  for (int t = 0; t < static_cast<int>(twins.size()); ++t) {
    Twin& twin = at(twins, t);
    if (twin.census.diverged) {  // frozen: its census stays as of its last finite step
      twin.census_dirty = false;
      continue;
    }
    if (config.probes && !refresh_census(t)) {
      // Finite weights whose loss overflows: go back to the last finite state and stop there.
      twin.params.noalias() = twin.backup;
      twin.weights_dirty = true;
      refresh_census(t);
      diverge(t, "loss", lr_factor, kicked);
      continue;
    }
    add_timeline_point(twin);
  }
  if (step % config.history_every == 0) record_history();
}

// Measures the census of one twin on the current weights. Returns false (and measures no units) when the
// training loss or its gradient is not finite.
bool SessionImpl::refresh_census(int index) {
  Twin& twin = at(twins, index);
  TwinCensus& census = twin.census;
  // The fit goes into the census only once it is known to be finite: a failed refresh leaves it as it was.
  Fit fit = census;
  if (data.x_test.cols() > 0) {
    forward(twin.net, twin.params, data.x_test, Pass::Eval, nullptr, twin.ws);
    fit.test_loss = output_loss(twin.net, data.y_test, twin.ws);
    fit.test_accuracy = output_accuracy(twin.net, data.y_test, data.classification, twin.ws);
  }
  fit.train_loss = loss_and_gradient(twin.net, twin.params, data.x_train, data.y_train, Pass::Eval, nullptr,
                                     twin.ws, twin.grads);
  fit.train_accuracy = output_accuracy(twin.net, data.y_train, data.classification, twin.ws);
  twin.census_dirty = false;
  if (!std::isfinite(fit.train_loss) || !std::isfinite(fit.test_loss) || !twin.grads.allFinite()) {
    twin.gradient_cached = false;
    return false;
  }
  static_cast<Fit&>(census) = fit;
  census.step = step;
  twin.gradient_cached = true;
  twin.transitions.clear();
  measure_units(twin.net, twin.params, twin.grads, twin.ws, data.x_train.cols(), step, !twin.measured,
                census.layers, twin.transitions);
  twin.measured = true;

  // Deaths and revivals become events (sentences from narration.h).
  // The sentences are built only when a unit changed state, so a quiet step allocates nothing.
  const Eigen::Index points = data.x_train.cols();
  for (const UnitTransition& change : twin.transitions) {
    const UnitCensus& unit = at(at(census.layers, change.layer).units, change.unit);
    const std::string prefix = twins.size() > 1 ? "[" + census.activation + "] " : "";
    if (change.kind == Transition::Died) {
      add_event(EventKind::Death, index, change.layer, change.unit,
                narrate_death(prefix, change.layer, change.unit, unit.state == UnitState::Dead, step,
                              unit.active_count, points));
    } else {
      add_event(EventKind::Revival, index, change.layer, change.unit,
                narrate_revival(prefix, change.layer, change.unit, step, unit.active_count, points, unit.died_at));
    }
  }
  return true;
}

void SessionImpl::add_timeline_point(Twin& twin) {
  if (step % twin.timeline_stride != 0) return;
  if (!twin.timeline.empty() && twin.timeline.back().step == step) twin.timeline.pop_back();
  if (twin.timeline.size() >= kTimelineCapacity) {
    // Keep every other point and halve the recording rate.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < twin.timeline.size(); i += 2) std::swap(twin.timeline[kept++], twin.timeline[i]);
    while (twin.timeline.size() > kept) {
      twin.spare_points.push_back(std::move(twin.timeline.back().dead_fraction));
      twin.timeline.pop_back();
    }
    twin.timeline_stride *= 2;
    if (step % twin.timeline_stride != 0) return;
  }
  TimelinePoint point;
  if (!twin.spare_points.empty()) {
    point.dead_fraction = std::move(twin.spare_points.back());
    twin.spare_points.pop_back();
  }
  point.step = step;
  point.train_loss = twin.census.train_loss;
  point.dead_fraction.clear();
  for (const LayerCensus& layer : twin.census.layers) point.dead_fraction.push_back(layer.dead_fraction);
  twin.timeline.push_back(std::move(point));
}

// -----------------------------------------------------------------------------------------------------------
// [SECTION] Session (the public face forwards to the impl)
// -----------------------------------------------------------------------------------------------------------

Session::Session(const SessionConfig& config) : impl_(std::make_unique<SessionImpl>(config)) {}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

const SessionConfig& Session::config() const { return impl_->config; }
const Dataset& Session::data() const { return impl_->data; }
std::int64_t Session::step_count() const { return impl_->step; }
int Session::twin_count() const { return static_cast<int>(impl_->twins.size()); }
OutputKind Session::output() const { return impl_->output; }

const TwinCensus& Session::census(int twin) const {
  return at(impl_->twins, impl_->clamp_twin(twin)).census;
}

void Session::measure() {
  for (int t = 0; t < twin_count(); ++t) impl_->ensure_census(t);
}

const std::vector<LayerWeights>& Session::weights(int twin) const {
  return impl_->weights(impl_->clamp_twin(twin));
}

// Whatever changes the state drops a future kept by rewind (session_history.cpp) first.
void Session::step(int n) {
  if (n > 0) impl_->drop_future();
  for (int i = 0; i < n; ++i) impl_->train_step(1.0, KickBatch::Current, false);
}

void Session::kick(Scalar factor, KickBatch batch) { impl_->drop_future(); impl_->kick(factor, batch); }

void Session::knock(const KnockCommand& command) { impl_->drop_future(); impl_->knock(command); }
void Session::fork(const std::vector<Activation>& activations) { impl_->drop_future(); impl_->fork(activations); }
int Session::reinit_dead() { impl_->drop_future(); return impl_->reinit_dead(); }
bool Session::rewind(std::int64_t step) { return impl_->rewind(step); }
std::int64_t Session::live_step() const { return impl_->has_future() ? impl_->future.live_step : impl_->step; }
const std::vector<TimelinePoint>& Session::live_timeline(int twin) const {
  const auto& kept = impl_->future.timelines;
  if (impl_->has_future() && !kept.empty()) return kept[static_cast<std::size_t>(std::clamp(twin, 0, static_cast<int>(kept.size()) - 1))];
  return timeline(twin);
}

std::int64_t Session::history_begin() const {
  return impl_->history.empty() ? impl_->step : impl_->history.record(0).step;
}
std::int64_t Session::history_end() const { return impl_->history.empty() ? -1 : impl_->history.newest().step; }
std::size_t Session::history_bytes() const { return impl_->history.used_bytes(); }

const std::vector<TimelinePoint>& Session::timeline(int twin) const {
  return at(impl_->twins, impl_->clamp_twin(twin)).timeline;
}
const std::vector<Event>& Session::events() const { return impl_->events; }
std::uint64_t Session::events_recorded() const { return impl_->events_recorded; }

bool Session::set_weights(int twin, const std::vector<LayerWeights>& layers, std::string* error) {
  impl_->drop_future();
  return impl_->set_weights(twin, layers, error);
}

// -----------------------------------------------------------------------------------------------------------
// [SECTION] Free helpers declared in session.h
// -----------------------------------------------------------------------------------------------------------

Activation activation_of(ActivationKind kind) {
  Activation activation;
  activation.kind = kind;
  if (kind == ActivationKind::ELU) activation.alpha = 1.0;
  return activation;
}

std::string check_config(const SessionConfig& config) {
  const DataConfig& data = config.data;
  if (data.size < kMinDataSize || data.size > kMaxDataSize) {
    return "data.size must be in [" + std::to_string(kMinDataSize) + ", " + std::to_string(kMaxDataSize) + "]";
  }
  const auto outside = [](double v, const Range& range, const char* name) -> std::string {
    if (in_range(v, range)) return {};
    return std::string(name) + " must be in [" + range_end(range.lo) + ", " + range_end(range.hi) + "]";
  };
  if (auto e = outside(data.noise, kNoiseRange, "data.noise"); !e.empty()) return e;
  if (data.dim < 1 || data.dim > kMaxDataDim) return "data.dim must be in [1, " + std::to_string(kMaxDataDim) + "]";
  if (auto e = outside(data.offset, kOffsetRange, "data.offset"); !e.empty()) return e;
  if (auto e = outside(data.test_fraction, kTestFractionRange, "data.test_fraction"); !e.empty()) return e;
  if (is_real_data(data.kind)) {
    std::string why;
    if (!real_data_table(data.kind, &why)) return why;
  }
  const NetConfig& net = config.net;
  if (net.hidden.empty() || net.hidden.size() > static_cast<std::size_t>(kMaxHiddenLayers)) {
    return "net.hidden must have 1 to " + std::to_string(kMaxHiddenLayers) + " layers";
  }
  for (int width : net.hidden) {
    if (width < 1 || width > kMaxLayerWidth) return "net.hidden widths must be in [1, " + std::to_string(kMaxLayerWidth) + "]";
  }
  if (net.bias && !std::isfinite(*net.bias)) return "net.bias must be a finite number";
  const TrainConfig& train = config.train;
  if (!(train.lr >= 0 && train.lr <= kMaxLearningRate)) return "train.lr must be in [0, 1e12]";
  if (!(train.momentum >= 0 && train.momentum < 1)) return "train.momentum must be in [0, 1)";
  if (!(train.beta1 >= 0 && train.beta1 < 1)) return "train.beta1 must be in [0, 1)";
  if (!(train.beta2 >= 0 && train.beta2 < 1)) return "train.beta2 must be in [0, 1)";
  if (!(train.epsilon > 0 && train.epsilon <= 1)) return "train.epsilon must be in (0, 1]";
  if (!(train.weight_decay >= 0 && train.weight_decay <= kMaxWeightDecay)) return "train.weight_decay must be in [0, 1e6]";
  if (!(train.clip_norm >= 0 && std::isfinite(train.clip_norm))) return "train.clip_norm must be >= 0";
  if (train.batch_size < 0) return "train.batch_size must be >= 0 (0 = full batch)";
  if (config.history_every < 1) return "history_every must be >= 1";
  return {};
}

}  // namespace relulab::core
