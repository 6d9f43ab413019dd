// config_codec_test.cpp — the settings table: round-trips, every bad-value message, query strings with mixed
// good and bad keys, page keys, percent-decoding.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/config_codec.h"

using namespace relulab::core;

namespace {
std::string error_of(std::string_view key, std::string_view value) {
  SessionConfig config;
  std::string error;
  CHECK_FALSE(apply_setting(config, key, value, &error));
  CHECK(to_query(config).empty());  // untouched
  return error;
}
}  // namespace

TEST_CASE("codec: the default config has an empty query") {
  CHECK(to_query(SessionConfig{}).empty());
  for (const SettingInfo& info : settings()) {
    CHECK(find_setting(info.key) == &info);
    CHECK(std::string(info.sets).size() > 3);
    CHECK(std::string(info.accepts).size() > 3);
    // Every key's default formats to a value that parses back to the same text.
    SessionConfig config;
    std::string error;
    CHECK_MESSAGE(apply_setting(config, info.key, info.format(SessionConfig{}), &error), error);
    CHECK(to_query(config).empty());
  }
  CHECK(settings().size() >= 20);
  CHECK(settings_help().find("  lr       learning rate: a number from 1e-05 to 10\n") != std::string::npos);
}

TEST_CASE("codec: every key sets its field") {
  SessionConfig c;
  std::string error;
  auto set = [&](const char* key, const char* value) {
    CHECK_MESSAGE(apply_setting(c, key, value, &error), key << ": " << error);
  };
  set("data", "sin");
  CHECK(c.data.kind == DataKind::Sin1D);
  set("n", "200");
  CHECK(c.data.size == 200);
  set("noise", "0.05");
  CHECK(c.data.noise == 0.05);
  set("dim", "4");
  CHECK(c.data.dim == 4);
  set("pre", "shift");
  CHECK(c.data.preprocess == Preprocess::Shift);
  set("offset", "-3.5");
  CHECK(c.data.offset == -3.5);
  set("test", "0.25");
  CHECK(c.data.test_fraction == 0.25);
  set("hidden", "16,8,4");
  CHECK(c.net.hidden == std::vector<int>{16, 8, 4});
  set("act", "relu,leaky:0.1,elu");
  REQUIRE(c.net.activations.size() == 3);
  CHECK(c.net.activations[1].kind == ActivationKind::Leaky);
  CHECK(c.net.activations[1].alpha == 0.1);
  CHECK(c.net.activations[2].kind == ActivationKind::ELU);
  set("out", "softmax-ce");
  CHECK(c.net.output == OutputKind::SoftmaxCE);
  set("init", "rai");
  CHECK(c.net.init == InitKind::RAI);
  set("bias", "-1");
  CHECK(c.net.bias == -1.0);
  set("opt", "nesterov");
  CHECK(c.train.optimizer == OptimizerKind::Nesterov);
  set("lr", "0.3");
  CHECK(c.train.lr == 0.3);
  set("mom", "0.5");
  CHECK(c.train.momentum == 0.5);
  set("wd", "0.001");
  CHECK(c.train.weight_decay == 0.001);
  set("clip", "5");
  CHECK(c.train.clip_norm == 5);
  set("batch", "32");
  CHECK(c.train.batch_size == 32);
  set("seed", "4");
  CHECK(c.seed == 4);
  set("history", "2.5");
  CHECK(c.history_bytes == 2621440);
  CHECK(check_config(c).empty());

  const std::string query = to_query(c);
  CHECK(query ==
        "data=sin&n=200&noise=0.05&pre=shift&offset=-3.5&test=0.25&hidden=16,8,4&act=relu,leaky:0.1,elu:1"
        "&out=softmax-ce&init=rai&bias=-1&opt=nesterov&lr=0.3&mom=0.5&wd=0.001&clip=5&batch=32&seed=4&history=2.5");
  SessionConfig back;
  CHECK(apply_query(back, query).empty());
  CHECK(to_query(back) == query);

  set("out", "auto");
  CHECK_FALSE(c.net.output.has_value());
  set("bias", "auto");
  CHECK_FALSE(c.net.bias.has_value());
}

TEST_CASE("codec: round-trips of single keys through the query") {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"act", "leaky:0.1"}, {"act", "elu:1"},       {"act", "rrelu:0.125:0.333"}, {"act", "prelu:0.25"},
      {"act", "selu"},      {"lr", "1e-05"},        {"lr", "10"},                 {"lr", "0.30000000000000004"},
      {"hidden", "64,64,64,64,64,64,64,64"},         {"seed", "4294967295"},       {"seed", "0"},
      {"offset", "-100"},   {"noise", "1"},         {"history", "1024"},          {"batch", "200000"}};
  for (const auto& [key, value] : cases) {
    SessionConfig c;
    std::string error;
    REQUIRE_MESSAGE(apply_setting(c, key, value, &error), error);
    const std::string query = to_query(c);
    CHECK(query == std::string(key) + "=" + value);
    SessionConfig back;
    CHECK(apply_query(back, query).empty());
    CHECK(to_query(back) == query);
  }
}

TEST_CASE("codec: every kind of bad value names the key and the accepted values") {
  CHECK(error_of("lr", "banana") == "lr: 'banana' is not a number; expected a number from 1e-05 to 10");
  CHECK(error_of("lr", "20") == "lr: 20 is out of range; expected a number from 1e-05 to 10");
  CHECK(error_of("lr", "0") == "lr: 0 is out of range; expected a number from 1e-05 to 10");
  CHECK(error_of("lr", "") == "lr: no value; expected a number from 1e-05 to 10");
  CHECK(error_of("lr", " 0.1") == "lr: ' 0.1' is not a number; expected a number from 1e-05 to 10");
  CHECK(error_of("lr", "nan") == "lr: 'nan' is not a number; expected a number from 1e-05 to 10");
  CHECK(error_of("lr", "inf") == "lr: 'inf' is not a number; expected a number from 1e-05 to 10");
  CHECK(error_of("lr", "1e999") == "lr: '1e999' is not a number; expected a number from 1e-05 to 10");
  CHECK(error_of("lr", "0x10") == "lr: '0x10' is not a number; expected a number from 1e-05 to 10");
  CHECK(error_of("lr", "0.1.2") == "lr: '0.1.2' is not a number; expected a number from 1e-05 to 10");
  CHECK(error_of("n", "2.5") == "n: '2.5' is not a whole number; expected a whole number from 4 to 200000");
  CHECK(error_of("n", "200001") == "n: 200001 is out of range; expected a whole number from 4 to 200000");
  CHECK(error_of("n", "3") == "n: 3 is out of range; expected a whole number from 4 to 200000");
  CHECK(error_of("noise", "-0.1") == "noise: -0.1 is out of range; expected a number from 0 to 1");
  CHECK(error_of("dim", "17") == "dim: 17 is out of range; expected a whole number from 1 to 16");
  CHECK(error_of("pre", "center") == "pre: 'center' is not a preprocessing; expected one of none, standardize, shift");
  CHECK(error_of("offset", "101") == "offset: 101 is out of range; expected a number from -100 to 100");
  CHECK(error_of("test", "0.95") == "test: 0.95 is out of range; expected a number from 0 to 0.9");
  CHECK(error_of("data", "mnist") ==
        "data: 'mnist' is not a data set; expected one of circle, xor, gauss, spiral, moons, abs, sin, plane, "
        "bump, negative, digits, iris, wine, cancer, custom");
  const std::string hidden_accepts = "; expected 1 to 8 whole numbers from 1 to 64 separated by commas (e.g. 16 or 8,8)";
  CHECK(error_of("hidden", "65") == "hidden: 65 is out of range" + hidden_accepts);
  CHECK(error_of("hidden", "0") == "hidden: 0 is out of range" + hidden_accepts);
  CHECK(error_of("hidden", "8,,8") == "hidden: '' is not a number" + hidden_accepts);
  CHECK(error_of("hidden", "1,1,1,1,1,1,1,1,1") == "hidden: 9 layers is too many" + hidden_accepts);
  CHECK(error_of("act", "swish").rfind("act: 'swish' is not a valid activation; expected relu, leaky[:a]", 0) == 0);
  CHECK(error_of("act", "leaky:20").rfind("act: 'leaky:20' is not a valid activation; expected ", 0) == 0);
  CHECK(error_of("act", "relu,relu,relu,relu,relu,relu,relu,relu,relu").rfind("act: 9 activations is too many", 0) == 0);
  CHECK(error_of("out", "hinge") == "out: 'hinge' is not an output; expected one of auto, linear-mse, sigmoid-ce, softmax-ce");
  CHECK(error_of("init", "zeros").rfind("init: 'zeros' is not an initializer; expected one of he-normal, ", 0) == 0);
  CHECK(error_of("bias", "-11") == "bias: -11 is out of range; expected auto (the initializer's own) or a number from -10 to 10");
  CHECK(error_of("opt", "rmsprop") == "opt: 'rmsprop' is not an optimizer; expected one of sgd, momentum, nesterov, adam");
  CHECK(error_of("mom", "1") == "mom: 1 is out of range; expected a number from 0 to 0.999");
  CHECK(error_of("wd", "2") == "wd: 2 is out of range; expected a number from 0 to 1");
  CHECK(error_of("clip", "-1") == "clip: -1 is out of range; expected a number from 0 to 1000");
  CHECK(error_of("batch", "-1") == "batch: -1 is out of range; expected a whole number from 0 to 200000");
  CHECK(error_of("seed", "-1") == "seed: -1 is out of range; expected a whole number from 0 to 4294967295");
  CHECK(error_of("seed", "4294967296") == "seed: 4294967296 is out of range; expected a whole number from 0 to 4294967295");
  CHECK(error_of("history", "0.5") == "history: 0.5 is out of range; expected a number from 1 to 1024");
  CHECK(error_of("speed", "3").rfind("'speed' is not a setting; settings are data, n, noise, ", 0) == 0);
  // Hostile text is shortened and made printable in the message.
  const std::string long_error = error_of("lr", std::string(200, 'x') + "\n");
  CHECK(long_error.size() < 140);
  CHECK(long_error.find('\n') == std::string::npos);
}

TEST_CASE("codec: a query with good, bad and page keys applies the good ones and reports the bad ones") {
  SessionConfig config;
  std::vector<std::pair<std::string, std::string>> page;
  const auto errors = apply_query(
      config, "?lesson=kill-shot&act=leaky%3A0.1&lr=banana&data=circle&seed=4&hidden=16%2C16&embed=1&n=3&bogus=1&wd",
      [&](std::string_view key, std::string_view value) { page.emplace_back(key, value); });
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].key == "lr");
  CHECK(errors[0].message == "lr: 'banana' is not a number; expected a number from 1e-05 to 10");
  CHECK(errors[1].key == "n");
  CHECK(errors[2].key == "bogus");
  CHECK(errors[3].key == "wd");
  CHECK(errors[3].message == "wd: no value; expected a number from 0 to 1");
  CHECK(config.train.lr == SessionConfig{}.train.lr);  // bad keys keep the default
  CHECK(config.data.size == SessionConfig{}.data.size);
  CHECK(config.seed == 4);
  CHECK(config.net.hidden == std::vector<int>{16, 16});
  REQUIRE(config.net.activations.size() == 1);
  CHECK(config.net.activations[0].alpha == 0.1);
  REQUIRE(page.size() == 2);
  CHECK(page[0] == std::pair<std::string, std::string>{"lesson", "kill-shot"});
  CHECK(page[1] == std::pair<std::string, std::string>{"embed", "1"});
  CHECK(to_query(config) == "hidden=16,16&act=leaky:0.1&seed=4");
  for (const std::string& key : page_keys()) CHECK(is_page_key(key));
  CHECK_FALSE(is_page_key("lr"));
}

TEST_CASE("codec: a per-layer activation list must match the hidden layers") {
  SessionConfig config;
  auto errors = apply_query(config, "hidden=8,8&act=relu,elu,elu&lr=0.1");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == "act");
  CHECK(errors[0].message ==
        "act: 3 activations for 2 hidden layers; expected one activation for all layers or one per layer");
  CHECK(config.net.activations.empty());
  CHECK(config.train.lr == 0.1);
  SessionConfig ok;
  CHECK(apply_query(ok, "act=relu,elu&hidden=8,8").empty());  // order does not matter
  CHECK(to_query(ok) == "hidden=8,8&act=relu,elu:1");
}

TEST_CASE("codec: percent-decoding") {
  CHECK(percent_decode("a%2Cb+c%3a") == "a,b c:");
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz%4") == "%zz%4");
  CHECK(percent_encode("a b&c=d,e:f") == "a%20b%26c%3Dd,e:f");
  CHECK(percent_decode(percent_encode("x/y?z#\x01")) == "x/y?z#\x01");
  SessionConfig config;
  CHECK(apply_query(config, "lr=1e%2D3&&=&").size() == 1);  // the empty key is reported, empty parts skipped
  CHECK(config.train.lr == 1e-3);
}
