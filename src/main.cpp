// The jiangbu executable: a thin shell over jiangbu_core.
#include "cli/app.hpp"

int main(int argc, char** argv) { return jiangbu::run_cli(argc, argv); }
