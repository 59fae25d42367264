// Message digests behind MD5, SHA1, SHA256, SHA384 and SHA512 (SPARQL 1.1 section 17.4.6):
// RFC 1321 (MD5), FIPS 180-4 (SHA-1, SHA-256, SHA-384, SHA-512). Each returns the digest of
// the bytes given (the UTF-8 form of the string) as lowercase hexadecimal.
#pragma once

#include <string>
#include <string_view>

namespace kennis::expr {

std::string md5_hex(std::string_view data);
std::string sha1_hex(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string sha384_hex(std::string_view data);
std::string sha512_hex(std::string_view data);

}  // namespace kennis::expr
