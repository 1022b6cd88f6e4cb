/**
 * Name material for the register seed: common UK surnames with a steep (Zipf-like) frequency so the commonest are
 * shared by tens of thousands, Irish and Welsh names with apostrophes and particles, and international names with
 * accents; plus syllables for a long tail of rare surnames.
 */
export const COMMON_SURNAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright',
  'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper',
  'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson',
  'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell',
  'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson',
  'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer',
  'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey',
  "O'Connor", "O'Brien", "O'Neill", "O'Sullivan", "O'Reilly", "D'Souza", "D'Arcy", 'McDonald', 'MacLeod', 'McCarthy', 'Ó Briain', 'Ní Bhriain',
  'ap Rhys', 'Llewellyn', 'Smith-Jones', 'Taylor-Wood', 'van der Berg', 'de la Cruz',
  'Müller', 'Schröder', 'García', 'Fernández', 'López', 'Martínez', 'González', 'Rodríguez', 'Pérez', 'Sánchez', 'Gómez', 'Hernández',
  'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Dąbrowski', 'Kowalczyk', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Öztürk', 'Yılmaz', 'Çelik', 'Şahin',
  'Adébáyọ̀', 'Okonkwo', 'Mensah', 'Chaudhry', 'Dubois', 'Lefèvre', 'Béranger', 'Jørgensen', 'Søndergaard', 'Björk', 'Åberg', 'Novák', 'Dvořák',
  'Papadopoulos', 'Costa', 'Silva', 'Gonçalves', 'Rossi', 'Bianchi', 'Kim', 'Park', 'Wang', 'Li', 'Zhang', 'Chen', 'Tanaka', 'Suzuki',
];

export const FORENAMES = [
  'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Muhammad', 'Thomas', 'Oscar', 'William', 'James', 'Henry', 'Leo', 'Alfie',
  'Joshua', 'Freddie', 'Archie', 'Ethan', 'Isaac', 'Alexander', 'Joseph', 'Edward', 'Samuel', 'Max', 'Daniel', 'Arthur', 'Lucas', 'Mohammed',
  'Logan', 'David', 'John', 'Michael', 'Paul', 'Mark', 'Andrew', 'Richard', 'Peter', 'Stephen', 'Christopher', 'Matthew', 'Martin', 'Simon',
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophia', 'Grace', 'Mia', 'Poppy', 'Ella', 'Lily', 'Evie', 'Isabella', 'Sophie', 'Ivy', 'Freya',
  'Harper', 'Willow', 'Charlotte', 'Jessica', 'Sarah', 'Emma', 'Rachel', 'Claire', 'Helen', 'Karen', 'Susan', 'Julie', 'Mary', 'Margaret',
  'Elizabeth', 'Catherine', 'Hannah', 'Laura', 'Rebecca', 'Victoria', 'Fatima', 'Aisha', 'Amira', 'Priya', 'Anjali', 'Rahul', 'Arjun', 'Sanjay',
  'Zoë', 'Chloé', 'Renée', 'Anaïs', 'Hélène', 'Françoise', 'Siobhán', 'Aoife', 'Niamh', 'Seán', 'Oisín', 'Caoimhe', 'Dafydd', 'Rhiannon',
  'Gwenllian', 'Ffion', 'Siân', 'Eluned', 'José', 'María', 'Lucía', 'Sofía', 'Martín', 'Álvaro', 'João', 'Inês', 'Łukasz', 'Małgorzata',
  'Zofia', 'Søren', 'Bjørn', 'Åsa', 'Jürgen', 'Jörg', 'Björn', 'Olusegun', 'Chidi', 'Ngozi', 'Adaeze', 'Kwame', 'Ama', 'Wei', 'Mei', 'Hiroshi',
  'Yuki', 'Minh', 'Thảo', 'Ayşe', 'Çağla', 'Mehmet', 'Dimitrios', 'Eleni', 'Giulia', 'Matteo', 'Ji-woo', 'Seo-yeon', 'Tomasz', 'Agnieszka',
];

export const SYLLABLES = [
  'ash', 'bar', 'ber', 'brook', 'by', 'cal', 'cot', 'dale', 'den', 'dun', 'el', 'fen', 'ford', 'gar', 'gate', 'ham', 'har', 'hurst', 'ing',
  'ken', 'kirk', 'lan', 'ley', 'low', 'mar', 'mere', 'mor', 'ness', 'nor', 'ock', 'pen', 'quen', 'ridge', 'ros', 'sel', 'shaw', 'stead', 'thorp',
  'ton', 'tre', 'ul', 'ven', 'wick', 'win', 'worth', 'yar', 'zel', 'quill', 'vex', 'jor', 'ix', 'av', 'oak', 'rith',
];
