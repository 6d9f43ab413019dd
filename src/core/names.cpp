// names.cpp — the name tables behind names.h, one per enum, in the order they are shown to the user.
#include "core/names.h"

namespace relulab::core {

namespace {

template <class E, std::size_t N>
constexpr NameTable<E> view(const Named<E> (&table)[N]) {
  return {table, N};
}

constexpr Named<ActivationKind> kActivationNames[] = {
    {ActivationKind::ReLU, "relu"}, {ActivationKind::Leaky, "leaky"}, {ActivationKind::PReLU, "prelu"},
    {ActivationKind::RReLU, "rrelu"}, {ActivationKind::ELU, "elu"}, {ActivationKind::SELU, "selu"},
    {ActivationKind::Tanh, "tanh"}, {ActivationKind::Sigmoid, "sigmoid"}, {ActivationKind::Linear, "linear"}};

constexpr Named<DataKind> kDataNames[] = {
    {DataKind::Circle, "circle"}, {DataKind::Xor, "xor"},     {DataKind::Gauss, "gauss"},
    {DataKind::Spiral, "spiral"}, {DataKind::Moons, "moons"}, {DataKind::Abs1D, "abs"},
    {DataKind::Sin1D, "sin"},     {DataKind::Plane, "plane"}, {DataKind::Bump, "bump"},
    {DataKind::NegativeUniform, "negative"},
    {DataKind::Digits, "digits"}, {DataKind::Iris, "iris"},   {DataKind::Wine, "wine"},
    {DataKind::Cancer, "cancer"}, {DataKind::Custom, "custom"}};

constexpr Named<Preprocess> kPreprocessNames[] = {
    {Preprocess::None, "none"}, {Preprocess::Standardize, "standardize"}, {Preprocess::Shift, "shift"}};

constexpr Named<OutputKind> kOutputNames[] = {
    {OutputKind::LinearMSE, "linear-mse"}, {OutputKind::SigmoidCE, "sigmoid-ce"}, {OutputKind::SoftmaxCE, "softmax-ce"}};

constexpr Named<InitKind> kInitNames[] = {
    {InitKind::HeNormal, "he-normal"},         {InitKind::HeUniform, "he-uniform"},
    {InitKind::GlorotNormal, "glorot-normal"}, {InitKind::GlorotUniform, "glorot-uniform"},
    {InitKind::LecunNormal, "lecun-normal"},   {InitKind::LecunUniform, "lecun-uniform"},
    {InitKind::NegativeUniform, "negative-uniform"}, {InitKind::Playground, "playground"},
    {InitKind::RAI, "rai"}};

constexpr Named<OptimizerKind> kOptimizerNames[] = {{OptimizerKind::SGD, "sgd"},
                                                    {OptimizerKind::Momentum, "momentum"},
                                                    {OptimizerKind::Nesterov, "nesterov"},
                                                    {OptimizerKind::Adam, "adam"}};

constexpr Named<UnitState> kUnitStateNames[] = {{UnitState::Alive, "alive"},
                                                {UnitState::Dead, "dead"},
                                                {UnitState::Inactive, "inactive"},
                                                {UnitState::Saturated, "saturated"},
                                                {UnitState::Revived, "revived"}};

constexpr Named<KickBatch> kKickBatchNames[] = {{KickBatch::Current, "current"}, {KickBatch::Outlier, "outlier"}};

constexpr Named<ExportKind> kExportNames[] = {
    {ExportKind::Png, "png"}, {ExportKind::Census, "census"}, {ExportKind::Weights, "weights"}, {ExportKind::Data, "data"}};

}  // namespace

template <> NameTable<ActivationKind> names<ActivationKind>() { return view(kActivationNames); }
template <> NameTable<DataKind> names<DataKind>() { return view(kDataNames); }
template <> NameTable<Preprocess> names<Preprocess>() { return view(kPreprocessNames); }
template <> NameTable<OutputKind> names<OutputKind>() { return view(kOutputNames); }
template <> NameTable<InitKind> names<InitKind>() { return view(kInitNames); }
template <> NameTable<OptimizerKind> names<OptimizerKind>() { return view(kOptimizerNames); }
template <> NameTable<UnitState> names<UnitState>() { return view(kUnitStateNames); }
template <> NameTable<KickBatch> names<KickBatch>() { return view(kKickBatchNames); }
template <> NameTable<ExportKind> names<ExportKind>() { return view(kExportNames); }

const char* to_string(UnitState state) { return name_of(state); }  // declared in types.h

}  // namespace relulab::core
