/*
 * The writing benchmark's workbook written with libxlsxwriter (C).
 *
 * The rows are the ones defined in Benchmarks/write/workbook_data.py (xorshift64* PRNG, fixed word lists);
 * `check` mode prints the checksum line of that definition so that write_run.py can compare the three
 * generators before timing anything.
 *
 *   xlsxwriter_c write ROWS OUT.xlsx constant|normal    write the workbook
 *   xlsxwriter_c gen ROWS                               generate the rows only (the generation floor)
 *   xlsxwriter_c check ROWS                             print "crc32 cells strings string_bytes"
 *
 * Build (write_run.py does this): cc -O2 -o xlsxwriter_c xlsxwriter_c.c -lxlsxwriter -lz
 *
 * In constant_memory mode libxlsxwriter writes each string inline in its cell (t="inlineStr"); in normal mode
 * it builds a shared-strings table but keeps every cell of the sheet in memory until workbook_close().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zlib.h>

#define SEED 20240601ULL
#define NCOLS 20
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- word lists (same as workbook_data.py) */

typedef struct {
    const char *name;
    const char *const *communes;
    int ncommunes;
} district_t;
typedef struct {
    const char *name;
    int weight;
    const district_t *districts;
    int ndistricts;
} province_t;

#define D(name, ...)                                                                                          \
    { name, (const char *const[]){__VA_ARGS__},                                                               \
      (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)) }

static const district_t GIA_LAI[] = {
    D("Huyện Ia Grai", "Xã Ia Đal", "Xã Ia Dom", "Xã Ia Krái", "Xã Ia Tô", "Xã Ia Chia", "Xã Ia Hrung"),
    D("Huyện Chư Păh", "Xã Ia Ka", "Xã Hà Tây", "Xã Đăk Tơ Ver", "Xã Ia Mơ Nông", "Xã Ia Ly"),
    D("Huyện Kbang", "Xã Kông Lơng Khơng", "Xã Sơn Lang", "Xã Đăk Rong", "Xã Krong", "Xã Lơ Ku"),
    D("Huyện Đức Cơ", "Xã Ia Dơk", "Xã Ia Kla", "Xã Ia Pnôn", "Xã Ia Nan"),
};
static const district_t KON_TUM[] = {
    D("Huyện Ia H'Drai", "Xã Ia Đal", "Xã Ia Dom", "Xã Ia Tơi"),
    D("Huyện Sa Thầy", "Xã Mô Rai", "Xã Rờ Kơi", "Xã Sa Nhơn", "Xã Ya Xiêr"),
    D("Huyện Tu Mơ Rông", "Xã Đăk Tờ Kan", "Xã Măng Ri", "Xã Ngọk Lây", "Xã Tê Xăng", "Xã Văn Xuôi"),
    D("Huyện Kon Plông", "Xã Hiếu", "Xã Măng Bút", "Xã Ngọk Tem", "Xã Pờ Ê"),
};
static const district_t DAK_LAK[] = {
    D("Huyện Ea Súp", "Xã Ea Bung", "Xã Ia Lốp", "Xã Ia Rvê", "Xã Cư M'Lan"),
    D("Huyện Krông Bông", "Xã Cư Pui", "Xã Yang Mao", "Xã Hòa Phong", "Xã Cư Drăm"),
    D("Huyện Lắk", "Xã Buôn Tría", "Xã Đắk Phơi", "Xã Krông Nô", "Xã Nam Ka"),
};
static const district_t DAK_NONG[] = {
    D("Huyện Tuy Đức", "Xã Đắk Ngo", "Xã Quảng Trực", "Xã Đắk R'Tíh", "Xã Quảng Tân"),
    D("Huyện Đắk Glong", "Xã Quảng Hòa", "Xã Đắk Som", "Xã Đắk R'Măng"),
};
static const province_t PROVINCES[] = {
    {"Gia Lai", 45, GIA_LAI, COUNT(GIA_LAI)},
    {"Kon Tum", 30, KON_TUM, COUNT(KON_TUM)},
    {"Đắk Lắk", 15, DAK_LAK, COUNT(DAK_LAK)},
    {"Đắk Nông", 10, DAK_NONG, COUNT(DAK_NONG)},
};
static const char *const VILLAGES[] = {
    "Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6", "Thôn 7", "Thôn 8", "Thôn 9", "Thôn 10",
    "Thôn 11", "Thôn 12", "Làng Kon Klor", "Làng Tơ Vơ", "Plei Ơi", "Plei Đôn", "Buôn Trấp", "Buôn Đôn",
    "Làng Mới", "Tổ dân phố 3", "Bon Bu Prăng", "Bon Ja Ráh",
};
static const char *const ETHNIC[] = {"Gia Rai", "Ba Na", "Kinh", "Xơ Đăng", "Ê Đê", "M'Nông",
                                     "Giẻ Triêng", "Mường", "Tày", "Nùng", "Thái", "H'Mông"};
static const int ETHNIC_WEIGHTS[] = {34, 22, 14, 9, 7, 4, 3, 2, 2, 1, 1, 1};
static const int KINH_LIKE[] = {0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0}; /* Kinh, Mường, Tày, Nùng, Thái */
static const char *const CLASSES[] = {"Hộ nghèo", "Hộ cận nghèo", "Hộ mới thoát nghèo"};
static const int CLASS_WEIGHTS[] = {55, 35, 10};
static const int MEMBER_WEIGHTS[] = {4, 10, 16, 20, 17, 12, 8, 5, 3, 2, 2, 1};
static const char *const CAUSES[] = {
    "Thiếu vốn sản xuất", "Thiếu đất canh tác", "Thiếu lao động", "Có người ốm đau, bệnh nặng",
    "Không có kỹ năng lao động", "Thiếu phương tiện sản xuất", "Đông người ăn theo",
    "Gặp rủi ro thiên tai", "Không biết cách làm ăn",
};
static const char *const POLICIES[] = {
    "Vay vốn ưu đãi NHCSXH", "Hỗ trợ nhà ở", "Hỗ trợ sinh kế", "Bảo hiểm y tế",
    "Hỗ trợ giáo dục", "Hỗ trợ tiền điện", "Hỗ trợ giống cây trồng", "Hỗ trợ bò giống",
    "Đào tạo nghề", "Chưa được hỗ trợ",
};
static const char *const SUR_K[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
                                    "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
static const char *const MID_K[] = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh",
                                    "Quốc", "Xuân", "Thu", "Hồng", "Kim", "Đình", "Công"};
static const char *const GIVEN_K[] = {
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hòa",
    "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung",
    "Phúc", "Phương", "Quang", "Sơn", "Tâm", "Thắng", "Thảo", "Thủy", "Trang", "Trung",
    "Tuấn", "Tùng", "Uyên", "Việt", "Xuân", "Yến", "Đạt", "Ánh", "Ơn", "Ưng",
};
static const char *const SUR_H[] = {"Rơ Mah", "Siu", "Ksor", "Rahlan", "Nay", "Kpă", "Rơ Châm",
                                    "Puih", "Đinh", "A", "Y", "H'Hen", "Rmah", "Kpuih",
                                    "Bơ Nong", "Ê Ban", "Niê", "Mlô", "Byă", "Êban"};
static const char *const MID_H[] = {"", "Thị", "Văn", "H'", "Y", "A"};
static const char *const GIVEN_H[] = {
    "Hlen", "Blơi", "Thuân", "Bia", "Hyưk", "Jư", "Krông", "Blứp", "Nhă", "Djeh",
    "Hơn", "Lưk", "Phai", "Rin", "Tlam", "Yơn", "Hnao", "Bŭt", "Ngă", "Djuê",
    "Ban", "Đeo", "Khuê", "Mlang", "Glun", "Pơng", "Sul", "Tơng", "Wơ", "Hiu",
    "Kher", "Nhông", "Bơr", "Dơk", "Ju", "Lơi", "Mrơng", "Piu", "Thơm", "Yung",
};
static const int SUPPORT_BASE[] = {0, 0, 15, 30, 50, 75, 100, 200, 400};
static const int LOAN_SIZES[] = {10, 20, 30, 50, 100};
typedef struct {
    const char *before;
    char kind;
    const char *after;
} note_t;
static const note_t NOTES[] = {
    {"Đã được hỗ trợ bò giống năm ", 'y', ""},
    {"Nhà tạm, dột nát; đề nghị hỗ trợ làm nhà mới", 0, ""},
    {"Chủ hộ đau ốm thường xuyên, con đang đi học", 0, ""},
    {"Vay ", 'm', " triệu đồng trồng cà phê, chưa trả được"},
    {"Có ", 'n', " lao động đi làm thuê theo mùa vụ"},
    {"Hộ đơn thân, nuôi ", 'n', " con nhỏ"},
    {"Thiếu nước sinh hoạt vào mùa khô", 0, ""},
    {"Đất sản xuất ", 'a', " ha, canh tác lúa rẫy"},
    {"Được cấp thẻ BHYT năm ", 'y', ""},
    {"Đề nghị đưa ra khỏi danh sách \"hộ nghèo\" năm ", 'y', ""},
};
static const char *const NOTE_TAIL[] = {
    "", "", "", "; cần thêm vốn sản xuất", "; đã xác minh tại thôn", ", theo biên bản họp thôn",
    "; chưa có nhà vệ sinh hợp vệ sinh", "; con em bỏ học", "; gia đình có người khuyết tật",
    " (cán bộ phụ trách: A Thuân)",
};
static const char *const HEADER[NCOLS] = {
    "STT", "Tỉnh", "Huyện", "Xã", "Thôn, làng", "Họ và tên chủ hộ", "Dân tộc",
    "Số nhân khẩu", "Phân loại hộ", "Năm rà soát", "Thu nhập BQ (triệu đồng/người/năm)",
    "Điểm thiếu hụt", "Tỷ lệ hộ nghèo của xã (%)", "Số hộ nghèo của xã",
    "Nguyên nhân nghèo", "Chính sách đã hưởng", "Kinh phí hỗ trợ (triệu đồng)",
    "Vốn vay còn nợ (đồng)", "Tỷ lệ cận nghèo của xã (%)", "Ghi chú",
};
static const char *const FORMATS[NCOLS] = {"", "", "", "", "", "", "", "", "", "",
                                           "0.0", "", "0.00", "#,##0", "", "", "0.0", "#,##0", "0.00", ""};

/* ---------------------------------------------------------------- generator */

static uint64_t state = SEED;

static inline uint32_t below(uint32_t n) {
    uint64_t s = state;
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    state = s;
    return (uint32_t)((s * 0x2545F4914F6CDD1DULL) >> 32) % n;
}

static int weighted(const int *w, int n) {
    int total = 0;
    for (int i = 0; i < n; i++) total += w[i];
    uint32_t r = below((uint32_t)total);
    uint32_t acc = 0;
    for (int i = 0; i < n; i++) {
        acc += (uint32_t)w[i];
        if (r < acc) return i;
    }
    abort();
}

#define PICK(list) ((list)[below(COUNT(list))])

typedef struct {
    int is_string;
    double number;
    const char *string;
} value_t;

typedef struct {
    double rate_poor, n_poor, rate_near;
} stats_t;

static stats_t stats[4][4][6];
static char name_buf[256], note_buf[512];

static void init_stats(void) {
    for (size_t p = 0; p < COUNT(PROVINCES); p++)
        for (int d = 0; d < PROVINCES[p].ndistricts; d++)
            for (int c = 0; c < PROVINCES[p].districts[d].ncommunes; c++) {
                stats[p][d][c].rate_poor = (800 + below(5401)) / 100.0;
                stats[p][d][c].n_poor = (double)(120 + below(4881));
                stats[p][d][c].rate_near = (300 + below(2201)) / 100.0;
            }
}

#define NUM(j, x) (row[j].is_string = 0, row[j].number = (x))
#define STR(j, x) (row[j].is_string = 1, row[j].string = (x))

/* Row i (1-based) into row[]; every draw is its own statement (C leaves argument order unspecified). */
static void make_row(long i, value_t *row) {
    static int province_weights[COUNT(PROVINCES)];
    if (!province_weights[0])
        for (size_t p = 0; p < COUNT(PROVINCES); p++) province_weights[p] = PROVINCES[p].weight;
    int p = weighted(province_weights, COUNT(PROVINCES));
    const province_t *prov = &PROVINCES[p];
    int d = (int)below((uint32_t)prov->ndistricts);
    const district_t *dist = &prov->districts[d];
    int c = (int)below((uint32_t)dist->ncommunes);
    const char *village = PICK(VILLAGES);
    int e = weighted(ETHNIC_WEIGHTS, COUNT(ETHNIC_WEIGHTS));
    if (KINH_LIKE[e]) {
        const char *sur = PICK(SUR_K);
        const char *mid = PICK(MID_K);
        const char *g1 = PICK(GIVEN_K);
        int n = snprintf(name_buf, sizeof name_buf, "%s %s %s", sur, mid, g1);
        if (below(10) < 6) {
            const char *g2 = PICK(GIVEN_K);
            snprintf(name_buf + n, sizeof name_buf - (size_t)n, " %s", g2);
        }
    } else {
        const char *sur = PICK(SUR_H);
        const char *mid = PICK(MID_H);
        const char *g1 = PICK(GIVEN_H);
        const char *g2 = PICK(GIVEN_H);
        if (*mid)
            snprintf(name_buf, sizeof name_buf, "%s %s %s %s", sur, mid, g1, g2);
        else
            snprintf(name_buf, sizeof name_buf, "%s %s %s", sur, g1, g2);
    }
    int cls = weighted(CLASS_WEIGHTS, COUNT(CLASS_WEIGHTS));
    int members = 1 + weighted(MEMBER_WEIGHTS, COUNT(MEMBER_WEIGHTS));
    int year = 2019 + (int)below(6);
    double income = (60 + below(521)) / 10.0;
    int score = (int)below(101);
    const char *cause = PICK(CAUSES);
    const char *policy = PICK(POLICIES);
    int base = SUPPORT_BASE[below(9)];
    double support = (base + (int)below(100)) / 10.0;
    double loan;
    if (below(10) < 3) {
        loan = 0;
    } else {
        long m = 5 + (long)below(96);
        long h = (long)below(2);
        loan = (double)(m * 1000000 + 500000 * h);
    }
    if (below(50) == 0) loan = (double)((100 + (long)below(801)) * 1000000);
    const note_t *note = &NOTES[below(COUNT(NOTES))];
    char v[16] = "";
    switch (note->kind) {
    case 'y': snprintf(v, sizeof v, "%u", 2016 + below(9)); break;
    case 'n': snprintf(v, sizeof v, "%u", 1 + below(5)); break;
    case 'm': snprintf(v, sizeof v, "%d", LOAN_SIZES[below(5)]); break;
    case 'a': {
        unsigned k = 2 + below(29);
        snprintf(v, sizeof v, "%u.%u", k / 10, k % 10);
        break;
    }
    }
    const char *tail = PICK(NOTE_TAIL);
    snprintf(note_buf, sizeof note_buf, "%s%s%s%s", note->before, v, note->after, tail);
    const stats_t *st = &stats[p][d][c];

    NUM(0, (double)i);
    STR(1, prov->name);
    STR(2, dist->name);
    STR(3, dist->communes[c]);
    STR(4, village);
    STR(5, name_buf);
    STR(6, ETHNIC[e]);
    NUM(7, members);
    STR(8, CLASSES[cls]);
    NUM(9, year);
    NUM(10, income);
    NUM(11, score);
    NUM(12, st->rate_poor);
    NUM(13, st->n_poor);
    STR(14, cause);
    STR(15, policy);
    NUM(16, support);
    NUM(17, loan);
    NUM(18, st->rate_near);
    STR(19, note_buf);
}

/* ---------------------------------------------------------------- checksum */

typedef struct {
    uLong crc;
    long cells, strings, string_bytes;
    unsigned char buf[4096];
    size_t n;
} checksum_t;

static void ck_add(checksum_t *ck, const void *p, size_t len) {
    if (ck->n + len > sizeof ck->buf) {
        ck->crc = crc32(ck->crc, ck->buf, (uInt)ck->n);
        ck->n = 0;
    }
    memcpy(ck->buf + ck->n, p, len);
    ck->n += len;
}

static void ck_row(checksum_t *ck, const value_t *row) {
    for (int j = 0; j < NCOLS; j++) {
        if (row[j].is_string) {
            size_t len = strlen(row[j].string);
            ck_add(ck, row[j].string, len);
            ck_add(ck, "\0", 1);
            ck->strings++;
            ck->string_bytes += (long)len;
        } else {
            unsigned char b[9];
            memcpy(b, &row[j].number, 8); /* x86-64: little-endian */
            b[8] = 1;
            ck_add(ck, b, 9);
        }
        ck->cells++;
    }
}

/* ---------------------------------------------------------------- main */

static int usage(void) {
    fprintf(stderr, "usage: xlsxwriter_c write ROWS OUT.xlsx constant|normal | gen ROWS | check ROWS\n");
    return 2;
}

int main(int argc, char **argv) {
    if (argc < 3) return usage();
    const char *mode = argv[1];
    long rows = atol(argv[2]);
    value_t row[NCOLS];
    init_stats();

    if (!strcmp(mode, "check") || !strcmp(mode, "gen")) {
        int check = !strcmp(mode, "check");
        checksum_t ck = {0};
        ck.crc = crc32(0L, Z_NULL, 0);
        long touched = 0;
        for (int j = 0; j < NCOLS; j++) STR(j, HEADER[j]);
        if (check) ck_row(&ck, row);
        for (long i = 1; i <= rows; i++) {
            make_row(i, row);
            if (check)
                ck_row(&ck, row);
            else
                touched += row[5].string[0] + row[19].string[0]; /* keep the row alive */
        }
        if (check) {
            ck.crc = crc32(ck.crc, ck.buf, (uInt)ck.n);
            printf("%08lx %ld %ld %ld\n", (unsigned long)ck.crc, ck.cells, ck.strings, ck.string_bytes);
        } else {
            printf("generated %ld rows (%ld)\n", rows, touched);
        }
        return 0;
    }
    if (strcmp(mode, "write") || argc < 5) return usage();

    lxw_workbook_options options = {.constant_memory = !strcmp(argv[4], "constant") ? LXW_TRUE : LXW_FALSE,
                                    .tmpdir = NULL,
                                    .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(argv[3], &options);
    if (!wb) {
        fprintf(stderr, "cannot create %s\n", argv[3]);
        return 1;
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sách hộ");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *formats[NCOLS] = {0};
    lxw_format *f1 = workbook_add_format(wb), *f2 = workbook_add_format(wb), *f3 = workbook_add_format(wb);
    format_set_num_format(f1, "0.0");
    format_set_num_format(f2, "0.00");
    format_set_num_format(f3, "#,##0");
    for (int j = 0; j < NCOLS; j++) {
        if (!strcmp(FORMATS[j], "0.0")) formats[j] = f1;
        else if (!strcmp(FORMATS[j], "0.00")) formats[j] = f2;
        else if (!strcmp(FORMATS[j], "#,##0")) formats[j] = f3;
    }
    for (int j = 0; j < NCOLS; j++) worksheet_write_string(ws, 0, (lxw_col_t)j, HEADER[j], bold);
    for (long i = 1; i <= rows; i++) {
        make_row(i, row);
        for (int j = 0; j < NCOLS; j++) {
            lxw_error err = row[j].is_string
                                ? worksheet_write_string(ws, (lxw_row_t)i, (lxw_col_t)j, row[j].string, formats[j])
                                : worksheet_write_number(ws, (lxw_row_t)i, (lxw_col_t)j, row[j].number, formats[j]);
            if (err) {
                fprintf(stderr, "row %ld col %d: %s\n", i, j, lxw_strerror(err));
                return 1;
            }
        }
    }
    lxw_error err = workbook_close(wb);
    if (err) {
        fprintf(stderr, "workbook_close: %s\n", lxw_strerror(err));
        return 1;
    }
    return 0;
}
