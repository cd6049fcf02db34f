#include "action/safe_text.hpp"

#include <utility>

namespace posture::action {

bool CappedText::put(std::string_view unit) {
  if (full_) return false;
  if (unit.size() > cap_ - text_.size()) {
    full_ = true;
    return false;
  }
  text_ += unit;
  return true;
}

}  // namespace posture::action
