#pragma once
// The sign-in form's anti-forgery token, without server state: the browser
// gets a random nonce in an HttpOnly, SameSite=Strict cookie and the form
// carries HMAC-SHA256(server key, nonce). A forged cross-site post has
// neither; a flood of visitors costs the server no memory and cannot push a
// real visitor's pending sign-in out (as stored visitor sessions could).
#include <string>
#include <string_view>

namespace jiangbu {

class LoginTokens {
 public:
  LoginTokens();  // a fresh random key: a restart invalidates open sign-in forms
  // The token the form carries for this cookie nonce (64 hex digits).
  [[nodiscard]] std::string token_for(std::string_view nonce) const;
  [[nodiscard]] bool matches(std::string_view nonce, std::string_view token) const;

 private:
  unsigned char key_[32];
};

}  // namespace jiangbu
