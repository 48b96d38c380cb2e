#include <iostream>

int main() {
  std::cout << "resettle\n";
  return 0;
}
