// The human table laid out as its rows arrive (write_table() and ReportWriter share it).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "posture/report.hpp"

namespace posture::report {

/// Each row is cleaned and measured when it is added, and its text kept in one buffer, so that
/// what is left for finish(), once every column's width is known, is writing the lines. A host
/// that adds rows as judgments arrive does most of the table's work while it judges.
class TableLayout {
 public:
  explicit TableLayout(const TableOptions& options);

  void add(const TableRow& row);
  /// The header line and every row's lines. Call once, after the last add().
  std::string finish();

 private:
  // A cell's cleaned text in text_ and the terminal columns it takes.
  struct Cell {
    std::size_t offset = 0;  // the text of a million clients' reasons may pass 4 GB
    std::uint32_t size = 0, width = 0;
  };
  struct Row {
    std::array<Cell, 6> cells;                         // asset, host, user, level, points, status
    std::uint32_t first_reason = 0, reason_count = 0;  // into reasons_
  };
  Cell keep(std::string_view text);

  TableOptions options_;
  std::string text_;
  std::vector<Row> rows_;
  std::vector<Cell> reasons_;
  std::array<std::size_t, 7>
      widths_{};  // the six and the reasons: natural widths, headers included
};

}  // namespace posture::report
