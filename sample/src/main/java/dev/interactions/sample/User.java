package dev.interactions.sample;

/** A customer contact, as users.csv lists it. */
record User(String id, Person person, Customer customer) {
  String email() {
    return person.email();
  }
}
