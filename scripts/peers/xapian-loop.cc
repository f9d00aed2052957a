// xapian-loop — the minimal single-threaded Xapian indexer that scripts/bench
// measures brief-index against (issue 5). A benchmark peer, not part of briefs.
//
//   xapian-loop index DB DIR   index every regular file under DIR (one story a
//                              file: first line the title, the rest the body)
//   xapian-loop query DB       read one query a line from standard input, run
//                              it (OR, English stemming, top 10) and print its
//                              latency in microseconds, one line per query
//
// Indexing is what a user would write in an afternoon: TermGenerator with
// positions and English stemming, the title under prefix S, the id as the
// unique term Q, replace_document by that term, the default flush threshold.
// No extraction, no threads.
//
// Build: g++ -O2 -std=c++17 xapian-loop.cc $(pkg-config --cflags --libs xapian-core)
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

static int do_index(const char *dbpath, const char *dir)
{
    std::vector<fs::path> files;
    for (const auto &e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            files.push_back(e.path());
    std::sort(files.begin(), files.end());

    Xapian::WritableDatabase db(dbpath, Xapian::DB_CREATE_OR_OPEN);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const auto &p : files) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        size_t nl = text.find('\n');
        std::string title = text.substr(0, nl);
        std::string body = nl == std::string::npos ? std::string() : text.substr(nl + 1);

        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(title, 1, "S");
        tg.index_text(title);
        tg.increase_termpos();
        tg.index_text(body);
        std::string id = "Q" + p.filename().string();
        doc.add_boolean_term(id);
        doc.set_data(title);
        db.replace_document(id, doc);
    }
    db.commit();
    std::fprintf(stderr, "xapian-loop: %zu documents\n", files.size());
    return 0;
}

static int do_query(const char *dbpath)
{
    Xapian::Database db(dbpath);
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(db);
    qp.set_default_op(Xapian::Query::OP_OR);
    std::string line;
    while (std::getline(std::cin, line)) {
        auto t0 = std::chrono::steady_clock::now();
        Xapian::Enquire enq(db);
        enq.set_query(qp.parse_query(line, Xapian::QueryParser::FLAG_DEFAULT));
        Xapian::MSet m = enq.get_mset(0, 10);
        size_t n = 0;
        for (auto it = m.begin(); it != m.end(); ++it)
            n += it.get_document().get_data().size();  // fetch as a printer would
        auto t1 = std::chrono::steady_clock::now();
        std::printf("%.1f %zu\n",
                    std::chrono::duration<double, std::micro>(t1 - t0).count(), n);
    }
    return 0;
}

int main(int argc, char **argv)
{
    try {
        if (argc == 4 && std::string(argv[1]) == "index")
            return do_index(argv[2], argv[3]);
        if (argc == 3 && std::string(argv[1]) == "query")
            return do_query(argv[2]);
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "xapian-loop: %s\n", e.get_description().c_str());
        return 74;
    }
    std::fprintf(stderr, "usage: xapian-loop index DB DIR | xapian-loop query DB < QUERIES\n");
    return 2;
}
