// frr: the command-line front end. Parsing only; the work is in lib/.
#include "cli.hpp"

int main(int argc, char** argv)
{
    return frr::cli::main(argc, argv);
}
