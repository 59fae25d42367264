// Digests against the FIPS 180-4 / RFC 1321 example vectors and multi-block inputs.
#include "expr/hash.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kennis::expr {
namespace {

const std::string k56 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const std::string k1000(1000, 'a');
const std::string kUtf8 = "\xE9\xA3\x9F\xE3\x81\xB9\xE7\x89\xA9";  // 食べ物

TEST(Hash, Md5) {
  EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(md5_hex("foo"), "acbd18db4cc2f85cedef654fccc4a4d8");
  EXPECT_EQ(md5_hex(k56), "8215ef0796a20bcaaae116d3876c664a");
  EXPECT_EQ(md5_hex(k1000), "cabe45dcc9ae5b66ba86600cca6b8ba8");
  EXPECT_EQ(md5_hex(kUtf8), "e7ada485d13b1decf628c9211bc3a97b");
}

TEST(Hash, Sha1) {
  EXPECT_EQ(sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(sha1_hex(k56), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(sha1_hex(k1000), "291e9a6c66994949b57ba5e650361e98fc36b1ba");
}

TEST(Hash, Sha256) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(k56), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(k1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST(Hash, Sha384) {
  EXPECT_EQ(sha384_hex(""),
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51a"
            "d2f14898b95b");
  EXPECT_EQ(sha384_hex("abc"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358ba"
            "eca134c825a7");
  EXPECT_EQ(sha384_hex(k1000),
            "f54480689c6b0b11d0303285d9a81b21a93bca6ba5a1b4472765dca4da45ee328082d469c650cd3b61b1"
            "6d3266ab8ced");
}

TEST(Hash, Sha512) {
  EXPECT_EQ(sha512_hex("abc"),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba"
            "3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(sha512_hex(k56),
            "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d"
            "3bea57789ca031ad85c7a71dd70354ec631238ca3445");
  EXPECT_EQ(sha512_hex(kUtf8),
            "7723341e7ee6a9e6df461e05dd887f5c05201c40e7fa731343cfe1fd2280e5e5429323626584df4c68bd"
            "82f094cf888843944b718f5cd70ecf831e9e37d19d09");
}

}  // namespace
}  // namespace kennis::expr
